import { useRef, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import { FamilyRelationLabels, FamilyRelations, type FamilyRelation } from '@shared/timebank/rules';
import type { FamilyLinkView } from '@shared/actions/outputs';
import { Field } from '../../components';
import { messageOf } from '../../services/errors';
import { SubmitKey } from '../../services/requestId';

const StatusLabels: Record<FamilyLinkView['status'], string> = { pending: '待确认', accepted: '已确认', declined: '已拒绝', removed: '已解除' };

interface Props {
  family: FamilyLinkView[];
  ask: (phone: string, relation: FamilyRelation, requestId: string) => Promise<unknown>;
  answer: (linkId: string, accept: boolean) => Promise<unknown>;
  remove: (linkId: string) => Promise<unknown>;
  /** After any change: the page reads the links again. */
  onChanged: () => void;
}

/**
 * 家人: the links I asked for and those asked of me. A link is made by the phone number the other person registered
 * with and holds only once they accept; until then the one who asked sees their name masked.
 */
export function FamilyPanel({ family, ask, answer, remove, onChanged }: Props) {
  const [phone, setPhone] = useState('');
  const [relation, setRelation] = useState<FamilyRelation | undefined>();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = useRef(new SubmitKey());

  const run = async (what: string, work: () => Promise<unknown>) => {
    setBusy(what);
    setError(null);
    try {
      await work();
      onChanged();
      return true;
    } catch (err) {
      setError(messageOf(err));
      return false;
    } finally {
      setBusy(null);
    }
  };

  const onAsk = async () => {
    if (!/^1[3-9]\d{9}$/.test(phone.trim())) return setError('请填写对方注册时用的手机号');
    if (!relation) return setError('请选择对方是您的什么人');
    const sent = await run('ask', () => ask(phone.trim(), relation, key.current.for(`${phone.trim()}:${relation}`)));
    if (sent) {
      key.current.done();
      setPhone('');
      setRelation(undefined);
    }
  };

  return (
    <View>
      {family.length === 0 && <Text className="muted">还没有关联家人。关联后可以为家人发布心愿、把时间转给家人。</Text>}
      {family.map((l) => (
        <View key={l.id} className="card" aria-label={`家人${l.other.name}`}>
          <View className="row row--between">
            <Text className="card__title">
              {l.other.name}（{FamilyRelationLabels[l.relation]}）
            </Text>
            <Text className="muted">{StatusLabels[l.status]}</Text>
          </View>
          {l.status === 'pending' && !l.askedByMe && <Text className="muted">{l.other.name} 请求与您关联为家人</Text>}
          {l.status === 'pending' && l.askedByMe && <Text className="muted">等待对方在“时间银行”中确认</Text>}
          <View className="btn-row">
            {l.status === 'pending' && !l.askedByMe && (
              <Button className="btn btn--primary btn--small" disabled={busy !== null} onClick={() => void run(l.id, () => answer(l.id, true))}>
                确认是家人
              </Button>
            )}
            {l.status === 'pending' && !l.askedByMe && (
              <Button className="btn btn--small" disabled={busy !== null} onClick={() => void run(l.id, () => answer(l.id, false))}>
                拒绝
              </Button>
            )}
            {(l.status === 'accepted' || l.askedByMe) && (
              <Button className="btn btn--small btn--ghost" disabled={busy !== null} onClick={() => void run(l.id, () => remove(l.id))}>
                {l.status === 'accepted' ? '解除关联' : '撤回请求'}
              </Button>
            )}
          </View>
        </View>
      ))}

      <View className="form-group">
        <Field label="添加家人（对方注册时用的手机号）">
          <Input className="input" type="number" placeholder="例如：13800001111" value={phone} onInput={(e) => setPhone(e.detail.value)} />
        </Field>
        <Field label="对方是您的">
          <View className="chips">
            {FamilyRelations.map((r) => (
              <Text key={r} className={`chip${relation === r ? ' chip--active' : ''}`} onClick={() => setRelation(r)}>
                {FamilyRelationLabels[r]}
              </Text>
            ))}
          </View>
        </Field>
        {error && (
          <View className="banner banner--error" role="alert">
            <Text>{error}</Text>
          </View>
        )}
        <Button className="btn btn--primary" aria-busy={busy === 'ask'} disabled={busy !== null} onClick={() => void onAsk()}>
          发送关联请求
        </Button>
      </View>
    </View>
  );
}
