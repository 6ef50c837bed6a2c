import { View } from '@tarojs/components';
import { encode } from 'uqr';

/**
 * A redemption code as a QR code the desk can scan (the same code as the text under it), drawn as a grid of
 * squares: no canvas and no image codec, so it looks the same in WeChat and on h5.
 */
export function CodeQr({ code, size = 180 }: { code: string; size?: number }) {
  const { data } = encode(code, { border: 1 });
  const cell = Math.floor(size / data.length);
  return (
    <View aria-label={`兑换码二维码 ${code}`} role="img" style={{ width: `${cell * data.length}px`, lineHeight: 0, background: '#fff' }}>
      {data.map((row, r) => (
        <View key={r} style={{ display: 'flex', height: `${cell}px` }}>
          {row.map((dark, c) => (
            <View key={c} style={{ width: `${cell}px`, height: `${cell}px`, background: dark ? '#000' : '#fff' }} />
          ))}
        </View>
      ))}
    </View>
  );
}
