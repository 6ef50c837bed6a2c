import { View } from '@tarojs/components';
import { encode } from 'uqr';

/**
 * Text as a QR code, drawn as a grid of squares: no canvas and no image codec, so it looks the same in
 * WeChat and on h5. `label` is what a screen reader says for it.
 */
export function Qr({ text, label, size = 180 }: { text: string; label: string; size?: number }) {
  const { data } = encode(text, { border: 1 });
  const cell = Math.max(1, Math.floor(size / data.length));
  return (
    <View aria-label={label} role="img" style={{ width: `${cell * data.length}px`, lineHeight: 0, background: '#fff' }}>
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
