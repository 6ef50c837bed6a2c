import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { formatTime } from '../../components';
import type { WishView } from '../../services/types';
import { PhotoThumbs } from '../task/PhotoThumbs';
import { photoSrc } from '../task/photos';

/** What the helper reported on finishing: the note, the hours, and photos the resident can open full size. */
export function CompletionCard({ completion }: { completion: NonNullable<WishView['completion']> }) {
  const urls = (completion.photos ?? []).map(photoSrc);
  return (
    <View className="card">
      <Text className="card__title">服务记录</Text>
      <Text className="wish-desc">{completion.note}</Text>
      {urls.length > 0 && <PhotoThumbs srcs={urls} labelOf={(i) => `服务照片 ${i + 1}`} onTap={(i) => void Taro.previewImage({ urls, current: urls[i] })} />}
      <Text className="card__meta">
        {formatTime(completion.at)}
        {completion.hours !== undefined ? ` · 服务 ${completion.hours} 小时` : ''}
      </Text>
    </View>
  );
}
