import { useState } from 'react';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { isPublicOnWall } from '@shared/enums/categories';
import { residentCanConsent } from '@shared/stories/rules';
import { Screen } from '../../../../components';
import { StoryBody } from '../../../../features/story/StoryBody';
import { useRemote } from '../../../../hooks/useRemote';
import { toastError } from '../../../../services/toast';
import { go, Routes } from '../../../../services/nav';
import { storiesApi, type StoryView } from '../../../../services/stories';
import { StaffGate } from '../../components/StaffGate';
import { StaffState } from '../../components/StaffState';
import { staffApi, type StaffWish } from '../../lib/api';
import '../../components/staff.scss';
import { StoryDraftForm } from './StoryDraftForm';

/** Confirmed wishes that may be told (never a sensitive one, and only whose resident can consent) and are not told yet, and the stories so far. */
function useStories() {
  return useRemote(async () => {
    const [stories, confirmed] = await Promise.all([storiesApi.list(), staffApi.queue({ status: 'confirmed', limit: 50 })]);
    const told = new Set(stories.items.map((s) => s.wishId));
    return { stories: stories.items, candidates: confirmed.items.filter(
        (w) => isPublicOnWall(w.category) && residentCanConsent({ ownerId: w.ownerId ?? '', createdBy: w.createdBy ?? '', beneficiary: w.beneficiary }) && !told.has(w.id),
      ),
    };
  });
}

function StoryRow({ story, onChanged }: { story: StoryView; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const act = async (run: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await run();
      void Taro.showToast({ title: done, icon: 'success' });
      onChanged();
    } catch (err) {
      toastError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='card' aria-label={`故事：${story.title}`}>
      <Text className='tag'>{story.statusLabel}</Text>
      <StoryBody story={story} />
      <View className='btn-row'>
        {story.status === 'consented' && (
          <Button className='staff-btn staff-btn--primary' disabled={busy} onClick={() => void act(() => storiesApi.publish(story.id), '已发布到心愿墙')}>
            发布到心愿墙
          </Button>
        )}
        {story.status === 'published' && (
          <>
            <Button className='staff-btn' onClick={() => go(Routes.story(story.id))}>
              查看与分享
            </Button>
            <Button className='staff-btn' disabled={busy} onClick={() => void act(() => storiesApi.unpublish(story.id), '已撤下')}>
              撤下
            </Button>
          </>
        )}
        {story.status !== 'published' && story.status !== 'consented' && (
          <Button className='staff-btn' onClick={() => go(Routes.stories(story.wishId))}>
            重新撰写
          </Button>
        )}
      </View>
    </View>
  );
}

function Stories() {
  const wishId = useRouter().params.wishId;
  const data = useStories();
  const draftWish = useRemote(() => (wishId ? staffApi.detail(wishId).then((d) => d.wish as StaffWish) : Promise.resolve(undefined)), [wishId]);
  usePullDownRefresh(() => void data.reload().finally(() => Taro.stopPullDownRefresh()));

  if (wishId && draftWish.data) {
    return (
      <StoryDraftForm
        wish={draftWish.data}
        submit={(draft, requestId) => storiesApi.draft({ wishId, ...draft }, { requestId })}
        onDone={() => {
          void Taro.showToast({ title: '已请居民确认', icon: 'success' });
          void Taro.redirectTo({ url: Routes.stories() });
        }}
      />
    );
  }
  return (
    <StaffState loading={data.loading} error={data.error} onRetry={data.reload} empty={false} emptyText='' hasData={!!data.data}>
      <Text className='staff-section-title'>待写成故事的心愿</Text>
      {(data.data?.candidates ?? []).length === 0 && <Text className='muted'>暂无居民已确认、可以公开的心愿</Text>}
      {data.data?.candidates.map((w) => (
        <View key={w.id} className='card' role='button' onClick={() => go(Routes.stories(w.id))}>
          <Text className='card__title'>{w.title}</Text>
          <Text className='muted'>{w.rating?.comment ? `居民评价：“${w.rating.comment}”` : '点此撰写微故事'}</Text>
        </View>
      ))}
      <Text className='staff-section-title'>社区微故事</Text>
      {(data.data?.stories ?? []).length === 0 && <Text className='muted'>还没有微故事</Text>}
      {data.data?.stories.map((s) => <StoryRow key={s.id} story={s} onChanged={() => void data.reload()} />)}
    </StaffState>
  );
}

/** 微故事 for the secretary: write the story of a confirmed wish, wait for the resident's consent, publish or take down. */
export default function StoriesPage() {
  return (
    <StaffGate screen='stories'>
      <Screen className='staff-page'>
        <Stories />
      </Screen>
    </StaffGate>
  );
}
