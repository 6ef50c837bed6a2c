import { useState } from 'react';
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { CategoryLabels } from '@shared/vocab/categories';
import { CategoryIcon, PageState, RoleNav, Screen, StatusTag, WishNo, formatTime } from '../../components';
import { StoryBody } from '../../features/story/StoryBody';
import { usePaged } from '../../hooks/usePaged';
import { go, Routes } from '../../services/nav';
import type { StoryCardView } from '../../services/stories';
import { wishesApi, type WallItem } from '../../services/wishes';

/** 心愿墙: published 微故事 first, then fulfilled, non-sensitive wishes; names masked or anonymous (the server decides). */
export default function WallPage() {
  const communityId = useRouter().params.communityId;
  const [stories, setStories] = useState<StoryCardView[]>([]);
  const wall = usePaged<WallItem>(async (cursor) => {
    const page = await wishesApi.wall(cursor, communityId);
    // The first page brings the stories; later pages continue with wishes.
    if (!cursor) setStories(page.stories ?? []);
    return page;
  });

  usePullDownRefresh(() => {
    void wall.refresh().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => void wall.more());

  return (
    <Screen>
      <View className="hero">
        <Text className="hero__title">心愿墙</Text>
        <Text className="hero__sub">每一个被实现的微心愿，都是邻里间的温暖</Text>
      </View>
      <PageState loading={wall.loading} error={wall.error} empty={!wall.loading && wall.items.length === 0 && stories.length === 0} emptyText="还没有实现的心愿" onRetry={wall.refresh}>
        {stories.map((s) => (
          <View key={s.id} className="card story-item" aria-label={`微故事：${s.title}`} onClick={() => go(Routes.story(s.id))}>
            <Text className="tag">微故事</Text>
            <StoryBody story={s} />
          </View>
        ))}
        {wall.items.map((w) => (
          <View key={w.id} className="card wish-item">
            <CategoryIcon category={w.category} />
            <View className="wish-item__main">
              <View className="wish-item__head">
                <Text className="wish-item__title">{w.title}</Text>
                <StatusTag status={w.status} />
              </View>
              <Text className="card__meta">
                {CategoryLabels[w.category]} · {w.residentName}
              </Text>
              <WishNo number={w.number} />
              {w.helpers.length > 0 && <Text className="card__meta">帮助者：{w.helpers.join('、')}</Text>}
              {w.stars !== undefined && (
                <Text className="star star--on" aria-label={`评分 ${w.stars} 星`}>
                  {'★'.repeat(w.stars)}
                </Text>
              )}
              {w.comment && <Text className="card__meta">“{w.comment}”</Text>}
              <Text className="card__meta">实现于 {formatTime(w.doneAt ?? w.confirmedAt ?? w.createdAt)}</Text>
            </View>
          </View>
        ))}
        {wall.hasMore && <Text className="muted">上拉加载更多</Text>}
      </PageState>
      <RoleNav current={Routes.wall} />
    </Screen>
  );
}
