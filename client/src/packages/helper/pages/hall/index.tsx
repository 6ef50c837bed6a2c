import { useEffect, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Categories, CategoryLabels, type Category } from '@shared/vocab/categories';
import { CategoryIcon, PageState, RoleNav, Screen, StatusTag, WishNo, formatDistance, formatWindow } from '../../../../components';
import { remember } from '../../../../features/task/cache';
import { useRemote } from '../../../../hooks/useRemote';
import { currentPlace, type Place } from '../../../../services/location';
import { go, Routes } from '../../../../services/nav';
import { tasksApi } from '../../../../services/wishes';

const PAGE = 20;
const MAX_LIMIT = 50;
const MAX_RADIUS = 20000;

/** 任务大厅: open wishes nearby, nearest first; scrolling down widens the search. */
export default function HallPage() {
  const [place, setPlace] = useState<Place>();
  const [category, setCategory] = useState<Category>();
  const [limit, setLimit] = useState(PAGE);
  const [radiusM, setRadiusM] = useState(3000);

  useEffect(() => {
    void currentPlace().then(setPlace);
  }, []);

  const list = useRemote(async () => {
    if (!place) return undefined;
    const [lng, lat] = place.point.coordinates;
    const reply = await tasksApi.nearby({ lng, lat, radiusM, limit, ...(category ? { category } : {}) });
    remember(reply.items);
    return reply;
  }, [place, category, limit, radiusM]);
  const items = list.data?.items ?? [];

  useDidShow(() => {
    if (list.data) void list.reload();
  });
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    if (list.loading) return;
    if (items.length >= limit && limit < MAX_LIMIT) setLimit(Math.min(MAX_LIMIT, limit + PAGE));
    else if (radiusM < MAX_RADIUS) setRadiusM(Math.min(MAX_RADIUS, radiusM * 2));
  });

  const pick = (c?: Category) => {
    setCategory(c);
    setLimit(PAGE);
  };

  return (
    <Screen>
      <View className="hero">
        <Text className="hero__title">任务大厅</Text>
        <Text className="hero__sub">
          {place ? (place.source === 'gps' ? '按离您的距离排序' : `未获取到定位，按${place.label}距离排序`) : '正在获取位置…'} · {radiusM / 1000} 公里内
        </Text>
      </View>
      <View className="card" role="button" aria-label="集体活动" onClick={() => go(Routes.activities)}>
        <Text className="card__title">集体活动 ›</Text>
        <Text className="card__meta">环境整治、义诊、防汛巡逻……报名参加，扫码签到签退，服务时长自动记录</Text>
      </View>
      <View className="chips" style={{ marginBottom: '12px' }}>
        <Text className={`chip${!category ? ' chip--active' : ''}`} onClick={() => pick(undefined)}>
          全部
        </Text>
        {Categories.map((c) => (
          <Text key={c} className={`chip${category === c ? ' chip--active' : ''}`} onClick={() => pick(c)}>
            {CategoryLabels[c]}
          </Text>
        ))}
      </View>
      <PageState
        loading={list.loading || !place}
        error={list.error}
        empty={!!place && !list.loading && items.length === 0}
        emptyText={category ? `附近暂无「${CategoryLabels[category]}」类心愿` : '附近暂时没有待认领的心愿'}
        onRetry={list.reload}
      >
        {items.map((w) => (
          <View key={w.id} className={`card wish-item${w.priority === 'urgent' ? ' card--urgent' : ''}`} onClick={() => go(Routes.task(w.id))}>
            <CategoryIcon category={w.category} />
            <View className="wish-item__main">
              <View className="row row--between">
                <Text className="wish-item__title">
                  {w.priority === 'urgent' && <Text className="tag tag--urgent">紧急</Text>}
                  {w.title}
                </Text>
                <StatusTag status="open" />
              </View>
              <Text className="card__meta">
                {CategoryLabels[w.category]} · {formatDistance(w.distanceM)}
                {/* Places already taken said too: "需 3 人" of a wish two more can join read as three still wanted. */}
                {w.helpersNeeded > 1 ? ` · 需 ${w.helpersNeeded} 人${w.slotsFree < w.helpersNeeded ? `，还差 ${w.slotsFree} 人` : ''}` : ''}
              </Text>
              {/* The number the resident or the community says on the phone about this wish. */}
              <WishNo number={w.number} />
              {/* When the resident wants it: what a helper needs to know before tapping in. */}
              {w.preferredTime && <Text className="card__meta card__when">期望时间 {formatWindow(w.preferredTime)}</Text>}
            </View>
          </View>
        ))}
        {items.length > 0 && radiusM >= MAX_RADIUS && items.length < limit && <Text className="muted">没有更多了</Text>}
      </PageState>
      <RoleNav current={Routes.hall} />
    </Screen>
  );
}
