import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { readCheckIn } from '@shared/activities';
import { messageOf } from '../../services/errors';
import { SubmitKey } from '../../services/requestId';

interface Props {
  activityId: string;
  /** 签到 before check-in, 签退 after. */
  step: 'checkIn' | 'checkOut';
  send: (code: string, requestId: string) => Promise<void>;
}

/**
 * 签到 / 签退: scan the organiser's QR code, or type the six digits shown under it. A QR code of another activity is
 * caught here, before anything is sent; a retry after a lost reply reuses its requestId, so hours are credited once.
 */
export function CheckInPanel({ activityId, step, send }: Props) {
  const key = useRef(new SubmitKey());
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const verb = step === 'checkIn' ? '签到' : '签退';

  const submit = async (text: string) => {
    setError(null);
    const read = readCheckIn(text);
    if (!read) return setError('请输入组织者出示的 6 位签到码');
    if (read.activityId && read.activityId !== activityId) return setError('这是另一个活动的签到码，请扫描本活动的码');
    setBusy(true);
    try {
      await send(read.code, key.current.for({ step, code: read.code }));
      key.current.done();
      setTyped('');
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  const scan = async () => {
    let result: string;
    try {
      ({ result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] }));
    } catch {
      return; // The scanner was closed: nothing to say.
    }
    await submit(result);
  };

  return (
    <View className="card">
      <Text className="card__title">{verb}</Text>
      <Text className="muted">扫描组织者出示的二维码，或输入二维码下方的 6 位数字。</Text>
      <Button className="btn btn--primary btn--big" aria-busy={busy} disabled={busy} onClick={() => void scan()}>
        扫码{verb}
      </Button>
      <Input className="input" aria-label="签到码" type="number" placeholder="6 位签到码" maxlength={6} value={typed} onInput={(e) => setTyped(e.detail.value)} />
      <Button className="btn btn--big" aria-busy={busy} disabled={busy} onClick={() => void submit(typed)}>
        输入签到码{verb}
      </Button>
      {error && (
        <View className="banner banner--error" role="alert">
          {error}
        </View>
      )}
    </View>
  );
}
