import { useRef, useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { Field } from '../../components';
import { messageOf } from '../../services/errors';
import { SubmitKey } from '../../services/requestId';

/**
 * 有异议: on a completed wish the resident can say it is not done, with a reason; the helpers and
 * the secretary hear of it and the wish goes back to them. Folded until asked for, so 确认 stays the easy path.
 */
export function DisputeForm({ submit, onDone }: { submit: (reason: string, requestId: string) => Promise<unknown>; onDone: () => void }) {
  // A retry of the same reason (a lost reply) reuses its requestId, so the server runs it once.
  const key = useRef(new SubmitKey());
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!open) {
    return (
      <Button className="btn" onClick={() => setOpen(true)}>
        没有完成，我有异议
      </Button>
    );
  }

  const send = async () => {
    if (reason.trim() === '') {
      setError('请说明哪里还没有完成');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await submit(reason.trim(), key.current.for(reason.trim()));
      key.current.done();
      setOpen(false);
      setReason('');
      onDone();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card">
      <Text className="card__title">哪里还没有完成？</Text>
      <Text className="muted">您的说明会告诉志愿者和社区，心愿会退回给志愿者继续完成。</Text>
      <Field label="哪里没有完成" required error={error ?? undefined}>
        <Textarea className="textarea" aria-label="异议原因" value={reason} maxlength={200} placeholder="例如：水管还在漏水" onInput={(e) => setReason(e.detail.value)} />
      </Field>
      <View className="btn-row">
        <Button className="btn btn--primary" aria-busy={busy} disabled={busy} onClick={send}>
          提交异议
        </Button>
        <Button className="btn" disabled={busy} onClick={() => setOpen(false)}>
          再想想
        </Button>
      </View>
    </View>
  );
}
