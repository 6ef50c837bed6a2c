import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PageState, Screen } from '../../../../components';
import { ActivityCard } from '../../../../features/activity/ActivityCard';
import { useRemote } from '../../../../hooks/useRemote';
import { call } from '../../../../services/api';
import { go, Routes } from '../../../../services/nav';

/** 集体活动 of my community: what is open for sign-up and running first (soonest first), then what is over. */
export default function ActivitiesPage() {
  const list = useRemote(() => call('activities', 'list', {}));
  useDidShow(() => {
    if (list.data) void list.reload();
  });
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });
  const items = list.data?.items ?? [];
  const coming = items.filter((a) => a.state === 'open' || a.state === 'ongoing');
  const past = items.filter((a) => a.state === 'ended' || a.state === 'cancelled');
  return (
    <Screen>
      <View className="hero">
        <Text className="hero__title">集体活动</Text>
        <Text className="hero__sub">环境整治、义诊、防汛巡逻……报名参加，到场扫码签到签退，服务时长自动记录</Text>
      </View>
      <PageState loading={list.loading} error={list.error} empty={!list.loading && items.length === 0} emptyText="社区暂时没有活动，请留意通知" onRetry={list.reload}>
        {coming.length > 0 && <Text className="section-title">报名中 · 进行中</Text>}
        {coming.map((a) => (
          <ActivityCard key={a.id} activity={a} onOpen={() => go(Routes.activity(a.id))} />
        ))}
        {past.length > 0 && <Text className="section-title">往期活动</Text>}
        {past.map((a) => (
          <ActivityCard key={a.id} activity={a} onOpen={() => go(Routes.activity(a.id))} />
        ))}
      </PageState>
    </Screen>
  );
}
