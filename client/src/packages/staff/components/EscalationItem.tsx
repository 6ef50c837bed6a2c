import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import type { StaffWish } from '../lib/api';
import { hoursSince } from '../lib/format';
import { WishCard } from './WishCard';
import { ApprovePanel } from './ApprovePanel';
import type { AssignTarget } from '@shared/schemas';
import { ReasonPanel } from './ReasonPanel';
import { CallListCard } from '../../../features/wish/CallListCard';

interface Props {
  wish: StaffWish;
  notice?: string;
  settled?: boolean;
  busy?: boolean;
  /** Town admins watch; the community dispatches. */
  mayDispatch: boolean;
  mayCancel: boolean;
  onAssign: (target: AssignTarget) => void;
  onCancel: (reason: string) => void;
  now?: number;
}

/** A wish nobody has claimed in time: how long it has waited, who has been told, and a way to dispatch it. */
export function EscalationItem({ wish, notice, settled, busy, mayDispatch, mayCancel, onAssign, onCancel, now }: Props) {
  const [panel, setPanel] = useState<'assign' | 'cancel' | 'call' | null>(null);
  const waited = hoursSince(wish.openedAt ?? wish.createdAt, now);
  const level = wish.escalation?.level === 'town' ? '已上报镇街' : '已上报社区';
  return (
    <WishCard wish={wish} notice={notice} now={now}>
      <View className='staff-escalation__meta'>
        <Text className='staff-escalation__waited'>已等待 {waited} 小时无人认领</Text>
        <Text className={`staff-escalation__level staff-escalation__level--${wish.escalation?.level ?? 'secretary'}`}>{level}</Text>
      </View>
      {mayDispatch && !settled && panel === null && (
        <View className='staff-actions'>
          {mayCancel && (
            <Button className='staff-btn staff-btn--ghost' size='mini' onClick={() => setPanel('cancel')}>
              取消心愿
            </Button>
          )}
          {wish.priority === 'urgent' && (
            <Button className='staff-btn' size='mini' onClick={() => setPanel('call')}>
              紧急联系
            </Button>
          )}
          <Button className='staff-btn staff-btn--primary' size='mini' onClick={() => setPanel('assign')}>
            立即派单
          </Button>
        </View>
      )}
      {mayDispatch && !settled && panel === 'call' && (
        <View>
          <CallListCard wishId={wish.id} />
          <Button className='staff-btn staff-btn--ghost' size='mini' onClick={() => setPanel(null)}>
            收起
          </Button>
        </View>
      )}
      {mayDispatch && !settled && panel === 'assign' && (
        <ApprovePanel
          wishId={wish.id}
          assignOnly
          busy={busy}
          onSubmit={(choice) => choice.assignTo && onAssign(choice.assignTo)}
          onClose={() => setPanel(null)}
        />
      )}
      {mayDispatch && !settled && panel === 'cancel' && (
        <ReasonPanel title='取消原因' confirmText='确认取消' busy={busy} onSubmit={onCancel} onClose={() => setPanel(null)} />
      )}
    </WishCard>
  );
}
