import { useEffect } from 'react';
import { Text, View } from '@tarojs/components';
import { Qr } from '../../../../components/Qr';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { errorText } from '../../lib/errors';

/** How often the board asks for the code: well inside a minute, so the code on screen is always one the server takes. */
const REFRESH_MS = 15_000;

/**
 * The organiser's screen at the gathering point: the check-in code as a QR code big enough to scan from an arm's
 * length, and its six digits for those who type. It changes every minute; the board keeps up by itself.
 */
export function CodeBoard({ activityId }: { activityId: string }) {
  const code = useRemote(() => call('activities', 'code', { activityId }), [activityId]);
  const reload = code.reload;
  useEffect(() => {
    const timer = setInterval(() => void reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  if (code.error && !code.data) {
    return (
      <View className='staff-banner staff-banner--info' role='status'>
        {errorText(code.error)}
      </View>
    );
  }
  if (!code.data) return <Text className='muted'>正在生成签到码…</Text>;
  const digits = code.data.code;
  return (
    <View className='staff-panel' style={{ alignItems: 'center', display: 'flex', flexDirection: 'column' }}>
      <Text className='staff-section-title'>签到 / 签退码</Text>
      <Qr text={code.data.payload} size={280} label={`签到二维码 ${digits}`} />
      <Text aria-label='签到码' style={{ fontSize: '44px', letterSpacing: '8px', fontWeight: 'bold', marginTop: '12px' }}>
        {digits.slice(0, 3)} {digits.slice(3)}
      </Text>
      <Text className='muted'>志愿者在「集体活动」中扫码或输入数字签到、签退；每分钟自动更新</Text>
    </View>
  );
}
