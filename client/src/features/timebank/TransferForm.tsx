import { useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { formatHours } from '@shared/timebank/ledger';
import { HOURS_STEP, withdrawRefusal } from '@shared/timebank/rules';
import { Field } from '../../components';
import { messageOf } from '../../services/errors';
import { SubmitKey } from '../../services/requestId';
import { HoursStepper } from './HoursStepper';

interface Props {
  balance: number;
  /** Family members who accepted the link. */
  family: { id: string; name: string }[];
  transfer: (toUserId: string, hours: number, requestId: string) => Promise<unknown>;
  onDone: (name: string, hours: number) => void;
}

/**
 * 转给家人: choose a family member and the hours; the form asks once more, naming both, before anything is sent, and
 * a retry after a lost reply reuses its requestId, so the hours move once.
 */
export function TransferForm({ balance, family, transfer, onDone }: Props) {
  const [to, setTo] = useState(family[0]?.id);
  const [hours, setHours] = useState(HOURS_STEP * 2);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const key = useRef(new SubmitKey());

  if (family.length === 0) return <Text className="muted">关联的家人确认后，可以把时间转给他们。</Text>;
  const who = family.find((f) => f.id === to);
  const refusal = balance < HOURS_STEP ? '余额不足半小时，暂不能转出' : withdrawRefusal(balance, hours);

  const send = async () => {
    if (!who) return;
    setBusy(true);
    setError(null);
    try {
      await transfer(who.id, hours, key.current.for(`${who.id}:${hours}`));
      key.current.done();
      setAsking(false);
      onDone(who.name, hours);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="form-group">
      <Field label="转给">
        <View className="chips">
          {family.map((f) => (
            <Text key={f.id} className={`chip${to === f.id ? ' chip--active' : ''}`} onClick={() => (setTo(f.id), setAsking(false))}>
              {f.name}
            </Text>
          ))}
        </View>
      </Field>
      <Field label="转出时长" error={refusal ?? undefined}>
        <HoursStepper value={hours} max={Math.max(HOURS_STEP, balance)} label="转出时长" onChange={(h) => (setHours(h), setAsking(false))} />
      </Field>
      {asking && who ? (
        <View>
          <Text className="banner banner--info">
            确认把 {formatHours(hours)}转给{who.name}吗？转出后剩余 {formatHours(balance - hours)}。
          </Text>
          {error && (
            <View className="banner banner--error" role="alert">
              <Text>{error}</Text>
            </View>
          )}
          <View className="btn-row">
            <Button className="btn btn--primary btn--big" aria-busy={busy} disabled={busy} onClick={() => void send()}>
              确认转出
            </Button>
            <Button className="btn btn--big" disabled={busy} onClick={() => setAsking(false)}>
              再想想
            </Button>
          </View>
        </View>
      ) : (
        <Button className="btn btn--primary" disabled={refusal !== null || !who} onClick={() => (setError(null), setAsking(true))}>
          转给家人
        </Button>
      )}
    </View>
  );
}
