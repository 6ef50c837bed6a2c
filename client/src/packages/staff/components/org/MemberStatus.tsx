import { useRef, useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import type { Member } from '@shared/actions';
import { orgApi } from '../../lib/api';
import { errorText, fieldErrorsOf } from '../../lib/errors';
import { shortTime } from '../../lib/format';
import { SubmitKey } from '../../../../services/requestId';

/** 已停用 and why, under a member's name: the secretary sees at a glance who can't be dispatched to. */
export function DeactivatedNote({ member }: { member: Member }) {
  if (!member.deactivated) return null;
  return (
    <Text className='staff-org__sub staff-org__stopped'>
      已停用（{shortTime(member.deactivated.at)}）：{member.deactivated.reason}
    </Text>
  );
}

interface Props {
  member: Member;
  onDone: (member: Member) => void;
  onClose: () => void;
}

/**
 * 停用 a member, saying why (kept with the membership; the member reads it, the residents they served never do), or
 * 恢复 one. Stopping hands back what they held: the reply says how many wishes went back to the hall.
 */
export function MemberStatusForm({ member, onDone, onClose }: Props) {
  const stopping = !member.deactivated;
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(new SubmitKey());

  const submit = async () => {
    const text = reason.trim();
    if (stopping && !text) return setError('停用时请填写原因');
    const payload = { userId: member.user.id, ...(text ? { reason: text } : {}) };
    setBusy(true);
    setError(null);
    try {
      if (stopping) {
        const r = await orgApi.deactivate({ userId: member.user.id, reason: text }, key.current.for(payload));
        key.current.done();
        setDone(r.vacated > 0 ? `已停用，${r.vacated} 个心愿已退回任务大厅` : '已停用');
        onDone(r.member);
      } else {
        const r = await orgApi.reactivate(payload, key.current.for(payload));
        key.current.done();
        onDone(r.member);
      }
    } catch (err) {
      setError(fieldErrorsOf(err).reason ?? errorText(err));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <View className='staff-panel' role='status'>
        <Text className='staff-panel__label'>{done}</Text>
        <View className='staff-panel__actions'>
          <Button className='staff-btn staff-btn--ghost' size='mini' onClick={onClose}>
            好的
          </Button>
        </View>
      </View>
    );
  }
  return (
    <View className='staff-panel'>
      <Text className='staff-panel__label'>
        {stopping ? `停用 ${member.user.name}：停用后不能在本社区认领、接单，也不再收到派单和通知；手上未完成的心愿会退回任务大厅。` : `恢复 ${member.user.name} 的成员身份`}
      </Text>
      <Textarea
        className='staff-textarea'
        aria-label={stopping ? '停用原因' : '恢复说明'}
        maxlength={200}
        value={reason}
        placeholder={stopping ? '请填写停用原因（必填）' : '可填写恢复说明（选填）'}
        onInput={(e) => setReason(e.detail.value)}
      />
      {error && (
        <View className='staff-field-error' role='alert'>
          {error}
        </View>
      )}
      <View className='staff-panel__actions'>
        <Button className='staff-btn staff-btn--ghost' size='mini' onClick={onClose}>
          取消
        </Button>
        <Button
          className={`staff-btn ${stopping ? 'staff-btn--danger' : 'staff-btn--primary'}`}
          size='mini'
          aria-busy={busy}
          disabled={busy}
          onClick={() => void submit()}
        >
          {stopping ? '确认停用' : '确认恢复'}
        </Button>
      </View>
    </View>
  );
}
