import { useShareAppMessage, useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { storyPage } from '@shared/routes';
import { PageState, Screen } from '../../components';
import { StoryBody } from '../../features/story/StoryBody';
import { useRemote } from '../../hooks/useRemote';
import { photoSrc } from '../../services/files';
import { go, Routes } from '../../services/nav';
import { storiesApi } from '../../services/stories';

/** The title a story travels under in a WeChat group: the community and the wish. */
export function shareTitleOf(communityName: string, title: string): string {
  return `${communityName ? `${communityName}·` : ''}微故事：${title}`;
}

/**
 * One 微故事, public: what a story shared to a WeChat group opens (no sign-in needed). Shared on with
 * its title and its first "after" photo (else the first "before" one).
 */
export default function StoryPage() {
  const id = useRouter().params.id ?? '';
  const story = useRemote(() => storiesApi.detail(id), [id]);
  const data = story.data;

  useShareAppMessage(() => {
    if (!data) return { title: '心愿墙·微故事', path: `/${storyPage(id)}` };
    const picture = [...data.story.afterPhotos, ...data.story.beforePhotos].map(photoSrc).find((u) => u !== undefined);
    return { title: shareTitleOf(data.community.name, data.story.title), path: `/${storyPage(id)}`, ...(picture ? { imageUrl: picture } : {}) };
  });

  return (
    <Screen>
      <PageState loading={story.loading} error={story.error} onRetry={story.reload}>
        {data && (
          <View className="card">
            <Text className="card__meta">{data.community.name} · 微故事</Text>
            <StoryBody story={data.story} />
          </View>
        )}
        <View className="btn-row">
          <Button className="btn btn--primary" openType="share">
            分享到微信群
          </Button>
          <Button className="btn" onClick={() => go(data ? Routes.wallOf(data.community.id) : Routes.wall)}>
            看看心愿墙
          </Button>
        </View>
      </PageState>
    </Screen>
  );
}
