import { Text, View } from '@tarojs/components';
import { StoredPhotos, formatTime } from '../../components';
import type { StoryCardView } from '../../services/stories';

/** A story's words and pictures: headline, the secretary's note, before/after photos, the resident's thanks. */
export function StoryBody({ story }: { story: StoryCardView }) {
  return (
    <View>
      <Text className="wish-item__title">{story.title}</Text>
      <Text className="card__meta">
        {story.categoryLabel} · {story.residentName}
        {story.helpers.length > 0 ? ` · 帮助者：${story.helpers.join('、')}` : ''}
      </Text>
      <Text className="story__note">{story.note}</Text>
      {story.beforePhotos.length > 0 && (
        <View>
          <Text className="card__meta">之前</Text>
          <StoredPhotos refs={story.beforePhotos} label="之前的照片" />
        </View>
      )}
      {story.afterPhotos.length > 0 && (
        <View>
          <Text className="card__meta">之后</Text>
          <StoredPhotos refs={story.afterPhotos} label="之后的照片" />
        </View>
      )}
      {story.thanks && <Text className="card__meta">居民说：“{story.thanks}”</Text>}
      {story.publishedAt && <Text className="card__meta">发布于 {formatTime(story.publishedAt)}</Text>}
    </View>
  );
}
