import { Text, View } from '@tarojs/components';
import { formatTime, StoredPhotos } from '../../components';
import type { WishView } from '../../services/wishes';

/** What the helper reported on finishing: the note, the hours, and photos the resident can open full size. */
export function CompletionCard({ completion }: { completion: NonNullable<WishView['completion']> }) {
  return (
    <View className="card">
      <Text className="card__title">服务记录</Text>
      <Text className="wish-desc">{completion.note}</Text>
      <StoredPhotos refs={completion.photos ?? []} label="服务照片" />
      <Text className="card__meta">
        {formatTime(completion.at)}
        {completion.hours !== undefined ? ` · 服务 ${completion.hours} 小时` : ''}
      </Text>
    </View>
  );
}
