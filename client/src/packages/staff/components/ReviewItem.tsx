import { lazy, Suspense, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { suggestedPriority } from '@shared/lifecycle/urgency';
import type { StaffWish } from '../lib/api';
import { WishCard } from './WishCard';
import { ApprovePanel as ApprovePanelNow } from './ApprovePanel';
import type { ApproveChoice } from './ApprovePanel';
import { ReasonPanel as ReasonPanelNow } from './ReasonPanel';
import { TranscribePanel as TranscribePanelNow } from './TranscribePanel';
import type { WishView } from '../../../services/wishes';

/**
 * In the browser the panels behind 通过, 驳回, 取消心愿 and 整理语音 (the assignee picker; the reason's shared schema, and zod
 * with it) come in a chunk of their own on the first tap: the queue draws without fetching or running them, and
 * most visits only read it. The mini-program build folds these to the static imports (it has no dynamic import).
 */
const ApprovePanel =
  process.env.TARO_ENV === 'h5' ? lazy(() => import('./ApprovePanel').then((m) => ({ default: m.ApprovePanel }))) : ApprovePanelNow;
const ReasonPanel =
  process.env.TARO_ENV === 'h5' ? lazy(() => import('./ReasonPanel').then((m) => ({ default: m.ReasonPanel }))) : ReasonPanelNow;
const TranscribePanel =
  process.env.TARO_ENV === 'h5' ? lazy(() => import('./TranscribePanel').then((m) => ({ default: m.TranscribePanel }))) : TranscribePanelNow;

const PanelLoading = (
  <View className='staff-panel' aria-busy='true'>
    <Text className='staff-chart__empty'>加载中…</Text>
  </View>
);

type Panel = 'approve' | 'reject' | 'cancel' | 'transcribe' | null;

interface Props {
  wish: StaffWish;
  /** Set when the wish is no longer ours to decide (someone acted first): no buttons then. */
  notice?: string;
  settled?: boolean;
  busy?: boolean;
  mayCancel: boolean;
  onApprove: (choice: ApproveChoice) => void;
  onReject: (reason: string) => void;
  onCancel: (reason: string) => void;
  /** 整理语音 saved: the wish as it now reads. */
  onTranscribed: (wish: WishView) => void;
}

/** A pending wish with its three decisions; only one panel is open at a time. */
export function ReviewItem({ wish, notice, settled, busy, mayCancel, onApprove, onReject, onCancel, onTranscribed }: Props) {
  const [panel, setPanel] = useState<Panel>(null);
  const close = () => setPanel(null);
  const suggestion = suggestedPriority(wish);

  return (
    <WishCard wish={wish} notice={notice} sign={suggestion.sign}>
      {!settled && panel === null && (
        <View className='staff-actions'>
          {mayCancel && (
            <Button className='staff-btn staff-btn--ghost' size='mini' onClick={() => setPanel('cancel')}>
              取消心愿
            </Button>
          )}
          {wish.voice && (
            <Button className='staff-btn staff-btn--ghost' size='mini' onClick={() => setPanel('transcribe')}>
              {wish.description ? '修改整理' : '整理语音'}
            </Button>
          )}
          <Button className='staff-btn staff-btn--danger' size='mini' onClick={() => setPanel('reject')}>
            驳回
          </Button>
          <Button className='staff-btn staff-btn--primary' size='mini' onClick={() => setPanel('approve')}>
            通过
          </Button>
        </View>
      )}
      <Suspense fallback={PanelLoading}>
        {!settled && panel === 'approve' && (
          <ApprovePanel wishId={wish.id} initialPriority={suggestion.priority} sign={suggestion.sign} busy={busy} onSubmit={onApprove} onClose={close} />
        )}
        {!settled && panel === 'transcribe' && (
          <TranscribePanel
            wish={wish}
            onClose={close}
            onSaved={(saved) => {
              close();
              onTranscribed(saved);
            }}
          />
        )}
        {!settled && panel === 'reject' && (
          <ReasonPanel title='驳回原因' confirmText='确认驳回' busy={busy} onSubmit={onReject} onClose={close} />
        )}
        {!settled && panel === 'cancel' && (
          <ReasonPanel
            title='取消原因'
            confirmText='确认取消'
            placeholder='如：居民已自行解决、重复提交（必填）'
            busy={busy}
            onSubmit={onCancel}
            onClose={close}
          />
        )}
      </Suspense>
    </WishCard>
  );
}
