import { useCallback, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { PriorityLabels } from '@shared/vocab';
import { StaffGate } from '../../components/StaffGate';
import { StaffState } from '../../components/StaffState';
import { ReviewItem } from '../../components/ReviewItem';
import { BannerView } from '../../components/BannerView';
import { GridFilter } from '../../components/GridFilter';
import { LoadMore, useLoadMore } from '../../components/LoadMore';
import type { ApproveChoice } from '../../components/ApprovePanel';
import { staffApi } from '../../lib/api';
import { byCodeUnits } from '../../lib/format';
import { mayCancel } from '../../lib/roles';
import { useActiveRole } from '../../lib/session';
import { useDecisions } from '../../lib/useDecisions';
import { useRemote } from '../../../../hooks/useRemote';
import { useGridLookup } from '../../lib/useGridNames';
import type { StaffWish } from '../../lib/api';
import '../../components/staff.scss';
import './index.scss';
import type { TransitionAction } from '@shared/lifecycle/transitions';
import { suggestedPriority } from '@shared/lifecycle/urgency';

/** A secretary may narrow the queue to one grid; grid workers only ever see their own. */

/** Still ours to decide: the server still offers approval (detail.actions). */
const stillPending = (actions: readonly TransitionAction[]) => actions.includes('approve');

/** Urgent (or its words suggest it) first, then the longest waiting: the order a secretary works through the day. */
const rank = { urgent: 0, high: 1, normal: 2 } as const;
function byUrgencyThenAge(wishes: StaffWish[]): StaffWish[] {
  // Each wish's words are searched once, not once per comparison.
  const keyed = wishes.map((w) => ({ w, rank: rank[suggestedPriority(w).priority], since: String(w.submittedAt ?? w.createdAt) }));
  keyed.sort((a, b) => a.rank - b.rank || byCodeUnits(a.since, b.since));
  return keyed.map((k) => k.w);
}

function approvedText(wish: StaffWish, choice: ApproveChoice): string {
  const urgent = choice.priority !== 'normal' ? `（${PriorityLabels[choice.priority]}）` : '';
  return choice.assignTo ? `已通过「${wish.title}」并完成派单${urgent}` : `已通过「${wish.title}」并发布到心愿池${urgent}`;
}

function ReviewQueue() {
  const role = useActiveRole();
  const [gridId, setGridId] = useState<string | undefined>();
  const gridFilter = gridId === undefined ? {} : { gridId };
  const queue = useRemote(() => staffApi.queue(gridFilter), [gridId]);
  const { setData } = queue;
  const remove = useCallback(
    (id: string) => setData((page) => page && { ...page, items: page.items.filter((w) => w.id !== id) }),
    [setData],
  );
  const grids = useGridLookup();
  const gridNames = grids.names;
  const { pending, outcomes, banner, setBanner, decide } = useDecisions(remove, stillPending);

  usePullDownRefresh(() => {
    setBanner(null);
    void queue.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const pager = useLoadMore(queue, (cursor) => staffApi.queue({ ...gridFilter, cursor }), (w) => w.id, (text) => setBanner({ tone: 'error', text }));

  const items = byUrgencyThenAge((queue.data?.items ?? []).map((w): StaffWish => (w.gridId ? { ...w, gridName: gridNames.get(w.gridId) } : w)));
  const open = items.filter((w) => !outcomes[w.id]?.settled).length;

  return (
    <View className='staff-page'>
      <View className='staff-review__head'>
        <Text>待审核 {open} 条</Text>
        <Button className='staff-btn staff-btn--ghost' size='mini' onClick={() => void queue.reload()}>
          刷新
        </Button>
      </View>
      {role === 'secretary' && <GridFilter className='staff-review__grids' gridNames={gridNames} value={gridId} onChange={setGridId} />}
      {banner && <BannerView banner={banner} />}
      {/* The list waits for the grid names too: the chips above it and each card's grid come with them. */}
      <StaffState
        loading={queue.loading || !grids.settled}
        error={queue.error}
        hasData={queue.data !== undefined && grids.settled}
        empty={items.length === 0}
        emptyText='暂无待审核的心愿'
        onRetry={() => void queue.reload()}
      >
        {items.map((wish) => {
          const outcome = outcomes[wish.id];
          const shown = outcome?.fresh ? { ...wish, ...outcome.fresh } : wish;
          const hidden = pending.has(wish.id);
          return (
            // Hidden rather than unmounted while the call runs, so a failure brings back the typed reason.
            <View key={wish.id} style={hidden ? { display: 'none' } : undefined}>
              <ReviewItem
                wish={shown}
                notice={outcome?.notice}
                settled={outcome?.settled}
                busy={hidden}
                // The queue's rows carry no per-wish actions; once re-read, the server's actions decide.
                mayCancel={outcome?.actions ? outcome.actions.includes('cancel') : mayCancel(role)}
                onApprove={(choice) =>
                  void decide(wish, { approve: choice }, (id) => staffApi.approve(wish.id, choice, id), approvedText(wish, choice))
                }
                onReject={(reason) =>
                  void decide(wish, { reject: reason }, (id) => staffApi.reject(wish.id, reason, id), `已驳回「${wish.title}」`)
                }
                onTranscribed={(saved) => {
                  setData((page) => page && { ...page, items: page.items.map((w) => (w.id === saved.id ? { ...w, ...saved } : w)) });
                  setBanner({ tone: 'info', text: `已整理「${saved.title}」的语音内容` });
                }}
                onCancel={(reason) =>
                  void decide(wish, { cancel: reason }, (id) => staffApi.cancel(wish.id, reason, id), `已取消「${wish.title}」`)
                }
              />
            </View>
          );
        })}
        <LoadMore pager={pager} />
      </StaffState>
    </View>
  );
}

export default function ReviewPage() {
  return (
    <StaffGate screen='review'>
      <ReviewQueue />
    </StaffGate>
  );
}
