import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { WishState } from '@shared/vocab/wishStates';
import { CategoryIcon, PageState, RoleNav, Screen, StatusTag, WishNo, formatTime } from '../../../../components';
import { usePaged } from '../../../../hooks/usePaged';
import { myClaimOf, myPlaceState } from '../../../../features/task/myClaim';
import { go, Routes } from '../../../../services/nav';
import { getSession, membership } from '../../../../services/session';
import type { WishView } from '../../../../services/wishes';
import { tasksApi } from '../../../../services/wishes';

const Tabs: { label: string; status?: WishState }[] = [
  { label: '全部' },
  { label: '待接受', status: 'assigned' },
  { label: '已认领', status: 'claimed' },
  { label: '服务中', status: 'in_progress' },
  { label: '已完成', status: 'done' },
];

/** My tasks: what I hold, what was dispatched to me, and what I finished. */
export default function MyTasksPage() {
  const [status, setStatus] = useState<WishState>();
  const session = getSession();
  const viewer = session ? { userId: session.user.id, unitId: membership()?.unitId, forUnit: session.activeRole === 'unit_admin' } : undefined;
  // On a wish for several helpers still open to others, the tag is where my own place stands.
  const tagOf = (w: WishView) => myPlaceState(w.status, viewer ? myClaimOf(w.claims, viewer) : undefined);
  const list = usePaged<WishView>((cursor) => tasksApi.mine({ ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) }), [status]);

  useDidShow(() => void list.refresh());
  usePullDownRefresh(() => {
    void list.refresh().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => void list.more());

  return (
    <Screen>
      <View className="chips" style={{ marginBottom: '12px' }}>
        {Tabs.map((t) => (
          <Text key={t.label} className={`chip${status === t.status ? ' chip--active' : ''}`} onClick={() => setStatus(t.status)}>
            {t.label}
          </Text>
        ))}
      </View>
      <PageState loading={list.loading} error={list.error} empty={!list.loading && list.items.length === 0} emptyText="还没有任务，去任务大厅看看吧" onRetry={list.refresh}>
        {list.items.map((w) => (
          <View key={w.id} className="card wish-item" onClick={() => go(Routes.task(w.id))}>
            <CategoryIcon category={w.category} />
            <View className="wish-item__main">
              <View className="row row--between">
                <Text className="wish-item__title">{w.title}</Text>
                <StatusTag status={tagOf(w)} />
              </View>
              <Text className="card__meta">{formatTime(w.updatedAt ?? w.createdAt)}</Text>
              <WishNo number={w.number} />
            </View>
          </View>
        ))}
      </PageState>
      <RoleNav current={Routes.myTasks} />
    </Screen>
  );
}
