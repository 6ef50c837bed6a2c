import { useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { Member } from '@shared/actions';
import { orgApi } from '../../lib/api';
import { errorText, fieldErrorsOf } from '../../lib/errors';
import { shortTime } from '../../lib/format';
import { SubmitKey } from '../../../../services/requestId';
import { ReasonPanel } from '../ReasonPanel';

/** 已停用 and why, under a member's name: the secretary sees at a glance who can't be dispatched to. */
export function DeactivatedNote({ member }: { member: Member }) {
  if (!member.deactivated) return null;
  return (
    <Text className='staff-org__sub staff-org__stopped'>
      已停用（{shortTime(member.deactivated.at)}）：{member.deactivated.reason}
    </Text>
  );
}

/** What a role change took back, for the secretary who made it: the wishes that waited for a unit now left with no admin. */
export function vacatedText(vacated: number): string {
  return `已收回 ${vacated} 项未完成的工作，重新等待认领`;
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
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(new SubmitKey());

  const send = async (write: (requestId: string) => Promise<{ member: Member; vacated?: number }>, payload: object) => {
    setBusy(true);
    setError(null);
    try {
      const r = await write(key.current.for(payload));
      key.current.done();
      if (r.vacated !== undefined) setDone(r.vacated > 0 ? `已停用，${r.vacated} 个心愿已退回任务大厅` : '已停用');
      else onClose();
      onDone(r.member);
    } catch (err) {
      setError(fieldErrorsOf(err).reason ?? errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const stop = (reason: string) => {
    const payload = { userId: member.user.id, reason };
    void send((requestId) => orgApi.deactivate(payload, requestId), payload);
  };
  const restore = () => {
    const payload = { userId: member.user.id };
    void send((requestId) => orgApi.reactivate(payload, requestId), payload);
  };

  const failed = error && (
    <View className='staff-field-error' role='alert'>
      {error}
    </View>
  );
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
  if (member.deactivated) {
    return (
      <View className='staff-panel'>
        <Text className='staff-panel__label'>恢复 {member.user.name} 的成员身份：恢复后可以在本社区认领、接收派单。</Text>
        {failed}
        <View className='staff-panel__actions'>
          <Button className='staff-btn staff-btn--ghost' size='mini' onClick={onClose}>
            取消
          </Button>
          <Button className='staff-btn staff-btn--primary' size='mini' aria-busy={busy} disabled={busy} onClick={restore}>
            确认恢复
          </Button>
        </View>
      </View>
    );
  }
  return (
    <View>
      <Text className='staff-org__sub'>停用后，{member.user.name}不能在本社区认领、接单，也不再收到派单和通知；手上未完成的心愿会退回任务大厅。</Text>
      <ReasonPanel title='停用原因' confirmText='确认停用' placeholder='请填写停用原因（必填，本人会看到）' emptyError='请填写停用原因' busy={busy} onSubmit={stop} onClose={onClose} />
      {failed}
    </View>
  );
}
