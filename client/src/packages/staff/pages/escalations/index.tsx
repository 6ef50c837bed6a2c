import { useCallback, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { StaffGate } from '../../components/StaffGate';
import { StaffState } from '../../components/StaffState';
import { EscalationItem } from '../../components/EscalationItem';
import { SupervisePanel, supervisionSummary } from '../../components/SupervisePanel';
import { BannerView } from '../../components/BannerView';
import { ChipGroup } from '../../components/ChipGroup';
import { staffApi } from '../../lib/api';
import { mayCancel } from '../../lib/roles';
import { useActiveRole } from '../../lib/session';
import { useDecisions } from '../../lib/useDecisions';
import { useRemote } from '../../../../hooks/useRemote';
import { useGridNames } from '../../lib/useGridNames';
import { useTownCommunities } from '../../lib/useCommunityNames';
import type { StaffWish } from '../../lib/api';
import '../../components/staff.scss';
import './index.scss';
import type { TransitionAction } from '@shared/lifecycle/transitions';

type Level = 'all' | 'secretary' | 'town';
const levels = [
  { value: 'all', label: '全部' },
  { value: 'secretary', label: '上报社区' },
  { value: 'town', label: '上报镇街' },
] as const;

/** Still waiting for a helper: the server still offers to assign it (detail.actions). */
const stillWaiting = (actions: readonly TransitionAction[]) => actions.includes('assign');

function Escalations() {
  const role = useActiveRole();
  const [level, setLevel] = useState<Level>(role === 'town_admin' ? 'town' : 'all');
  const list = useRemote(
    () => staffApi.escalations(level === 'all' ? {} : { level }),
    [level],
  );
  const { setData } = list;
  const remove = useCallback((id: string) => setData((page) => page && { ...page, items: page.items.filter((w) => w.id !== id) }), [setData]);
  const { pending, outcomes, banner, setBanner, decide } = useDecisions(remove, stillWaiting);

  usePullDownRefresh(() => {
    setBanner(null);
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });

  const dispatcher = role === 'secretary';
  const gridNames = useGridNames();
  const town = role === 'town_admin';
  const communities = useTownCommunities(town);
  const communityNames = new Map(communities.map((c) => [c.id, c.name]));
  const items = (list.data?.items ?? []).map((w): StaffWish => ({
    ...w,
    gridName: w.gridId ? gridNames.get(w.gridId) : undefined,
    communityName: communityNames.get(w.communityId),
  }));

  return (
    <View className='staff-page'>
      <View className='staff-escalation__filter'>
        <ChipGroup label='上报级别' options={levels} value={level} onChange={setLevel} />
      </View>
      {!dispatcher && <Text className='staff-escalation__hint'>以下心愿超时未被认领，请督促所属社区尽快派单。</Text>}
      {banner && <BannerView banner={banner} />}
      <StaffState
        loading={list.loading}
        error={list.error}
        hasData={list.data !== undefined}
        empty={items.length === 0}
        emptyText='暂无超时未认领的心愿'
        onRetry={() => void list.reload()}
      >
        {items.map((wish) => {
          const outcome = outcomes[wish.id];
          const hidden = pending.has(wish.id);
          return (
            <View key={wish.id} style={hidden ? { display: 'none' } : undefined}>
              <EscalationItem
                wish={outcome?.fresh ? { ...wish, ...outcome.fresh } : wish}
                notice={outcome?.notice}
                settled={outcome?.settled}
                busy={hidden}
                // The list's rows carry no per-wish actions; once re-read, the server's actions decide.
                mayDispatch={outcome?.actions ? outcome.actions.includes('assign') : dispatcher}
                mayCancel={outcome?.actions ? outcome.actions.includes('cancel') : mayCancel(role)}
                onAssign={(target) =>
                  void decide(wish, { assign: target }, (id) => staffApi.assign(wish.id, target, id), `已为「${wish.title}」派单`)
                }
                onCancel={(reason) =>
                  void decide(wish, { cancel: reason }, (id) => staffApi.cancel(wish.id, reason, id), `已取消「${wish.title}」`)
                }
              />
              {!town && list.data?.supervision?.[wish.id] && (
                <Text className='staff-supervise__summary'>镇街督办：{supervisionSummary(list.data.supervision[wish.id])}</Text>
              )}
              {town && (
                <SupervisePanel
                  wish={wish}
                  acts={list.data?.supervision?.[wish.id] ?? []}
                  communities={communities}
                  onDone={(message) => {
                    setBanner({ tone: 'info', text: message });
                    void list.reload();
                  }}
                />
              )}
            </View>
          );
        })}
      </StaffState>
    </View>
  );
}

export default function EscalationsPage() {
  return (
    <StaffGate screen='escalations'>
      <Escalations />
    </StaffGate>
  );
}
