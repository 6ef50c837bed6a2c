import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import type { ActionReply } from '@shared/actions';
import { CertificateSerial } from '@shared/actions/certificates';
import { Screen, formatTime } from '../../components';
import { call } from '../../services/api';
import { messageOf } from '../../services/errors';

type Verified = ActionReply<'certificates', 'verify'>;

/** 志愿服务证明 核验: anyone enters (or scans) a serial and sees the masked holder, period, hours and issuing community. */
export default function VerifyPage() {
  const [serial, setSerial] = useState(useRouter().params.serial ?? '');
  const [result, setResult] = useState<Verified>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const check = async () => {
    const s = serial.trim().toUpperCase();
    setResult(undefined);
    if (!CertificateSerial.safeParse(s).success) return setError('证明编号格式不正确，例如 ZY-20260701-AB12CD34');
    setBusy(true);
    setError(undefined);
    try {
      setResult(await call('certificates', 'verify', { serial: s }));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen>
      <View className="hero">
        <Text className="hero__title">志愿服务证明核验</Text>
        <Text className="hero__sub">输入证明上的编号，核对证明是否由社区出具</Text>
      </View>
      <View className="card">
        <Input className="input" value={serial} placeholder="证明编号，如 ZY-20260701-AB12CD34" onInput={(e) => setSerial(e.detail.value)} aria-label="证明编号" />
        <Button className="btn btn--primary" aria-busy={busy} disabled={busy} onClick={() => void check()}>
          核验
        </Button>
        {error && <Text className="form-error">{error}</Text>}
      </View>
      {result && (
        <View className="card" aria-live="polite">
          <Text className="wish-item__title">证明有效</Text>
          <Text className="card__meta">持有人：{result.holderName}</Text>
          <Text className="card__meta">
            服务期间：{formatTime(result.from)} 至 {formatTime(result.to)}
          </Text>
          <Text className="card__meta">
            服务 {result.services} 次 · 累计 {result.hours} 小时
          </Text>
          <Text className="card__meta">出具社区：{result.communityName}</Text>
          <Text className="card__meta">编号：{result.serial}</Text>
        </View>
      )}
    </Screen>
  );
}
