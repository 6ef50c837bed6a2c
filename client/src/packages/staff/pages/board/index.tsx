import { useCallback, useState } from 'react';
import { View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { InFlightStates, WishStateLabels, type WishState } from '@shared/vocab';
import type { TransitionAction } from '@shared/lifecycle/transitions';
import { StaffGate } from '../../components/StaffGate';
import { StaffState } from '../../components/StaffState';
import { BannerView } from '../../components/BannerView';
import { BoardItem } from '../../components/BoardItem';
import { ChipGroup } from '../../components/ChipGroup';
import { CommunityFilter } from '../../components/CommunityFilter';
import { GridFilter } from '../../components/GridFilter';
import { LoadMore, useLoadMore } from '../../components/LoadMore';
import { staffApi, type BoardRowReply, type StaffWish } from '../../lib/api';
import { useActiveRole } from '../../lib/session';
import { useDecisions } from '../../lib/useDecisions';
import { useGridLookup } from '../../lib/useGridNames';
import { useCommunityNames } from '../../lib/useCommunityNames';
import { useRemote } from '../../../../hooks/useRemote';
import { go, Routes } from '../../../../services/nav';
import '../../components/staff.scss';
import './index.scss';

/** The tabs in the order a wish moves through them, then the ways it can end early. */
const TABS: readonly WishState[] = [...InFlightStates, 'done', 'confirmed', 'rejected', 'cancelled'];

/** Still ours to take back: the server still offers 收回 (detail.actions). */
const stillHeld = (actions: readonly TransitionAction[]) => actions.includes('recall');

function Board() {
  const role = useActiveRole();
  const town = role === 'town_admin';
  const [status, setStatus] = useState<WishState>('pending_review');
  const [gridId, setGridId] = useState<string | undefined>();
  const [communityId, setCommunityId] = useState<string | undefined>();
  const filter = { status, ...(gridId ? { gridId } : {}), ...(communityId ? { communityId } : {}) };
  const board = useRemote(() => staffApi.board(filter), [status, gridId, communityId]);
  const { reload } = board;
  // Taken back: gone from this tab, and the counts move.
  const remove = useCallback(() => void reload(), [reload]);
  const { pending, outcomes, banner, setBanner, decide } = useDecisions(remove, stillHeld);
  const grids = useGridLookup();
  const gridNames = grids.names;
  const communityNames = useCommunityNames(town);

  usePullDownRefresh(() => {
    setBanner(null);
    void board.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const pager = useLoadMore(board, (cursor) => staffApi.board({ ...filter, cursor }), (r) => r.wish.id, (text) => setBanner({ tone: 'error', text }));

  const counts = board.data?.counts;
  const tabs = TABS.map((s) => ({ value: s, label: counts ? `${WishStateLabels[s]} ${counts[s]}` : WishStateLabels[s] }));
  const staffOf = (row: BoardRowReply): StaffWish => ({
    ...row.wish,
    gridName: row.wish.gridId ? gridNames.get(row.wish.gridId) : undefined,
    communityName: town ? communityNames.get(row.wish.communityId) : undefined,
  });

  return (
    <View className='staff-page'>
      <View className='staff-board__filters'>
        {/* Nine states in one row that scrolls sideways: the list stays near the top of a phone screen. */}
        <View className='staff-board__tabs'>
          <ChipGroup label='心愿状态' options={tabs} value={status} onChange={setStatus} />
        </View>
        {town && <CommunityFilter value={communityId} onChange={setCommunityId} />}
        {role === 'secretary' && <GridFilter gridNames={gridNames} value={gridId} onChange={setGridId} />}
      </View>
      {banner && <BannerView banner={banner} />}
      {/* The list waits for the grid names too: the grid chips above it and each card's grid come with them. */}
      <StaffState
        loading={board.loading || !grids.settled}
        error={board.error}
        hasData={board.data !== undefined && grids.settled}
        empty={(board.data?.items.length ?? 0) === 0}
        emptyText={`暂无${WishStateLabels[status]}的心愿`}
        onRetry={() => void board.reload()}
      >
        {(board.data?.items ?? []).map((row) => {
          const wish = staffOf(row);
          const outcome = outcomes[wish.id];
          return (
            <BoardItem
              key={wish.id}
              row={row}
              wish={outcome?.fresh ? { ...wish, ...outcome.fresh } : wish}
              notice={outcome?.notice}
              settled={outcome?.settled}
              busy={pending.has(wish.id)}
              mayRecall={!town && (outcome?.actions ? stillHeld(outcome.actions) : true)}
              onOpen={() => go(Routes.wish(wish.id))}
              onRecall={(choice) =>
                void decide(
                  wish,
                  { recall: choice },
                  (id) => staffApi.recall(wish.id, choice.reason, choice.assignTo, id),
                  choice.assignTo ? `已收回「${wish.title}」并重新派单` : `已收回「${wish.title}」，退回心愿池`,
                )
              }
            />
          );
        })}
        <LoadMore pager={pager} />
      </StaffState>
    </View>
  );
}

export default function BoardPage() {
  return (
    <StaffGate screen='board'>
      <Board />
    </StaffGate>
  );
}
