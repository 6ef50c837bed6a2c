import { Text, View } from '@tarojs/components';
import { CategoryLabels } from '@shared/enums/categories';
import { CategoryIcon, StatusTag, formatDistance, formatTime } from '../../components';
import type { WishView } from '../../services/types';

function timeWindow(w: WishView): string | undefined {
  if (!w.preferredTime) return undefined;
  const from = new Date(w.preferredTime.from);
  const to = new Date(w.preferredTime.to);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${from.getMonth() + 1}月${from.getDate()}日 ${pad(from.getHours())}:${pad(from.getMinutes())}–${pad(to.getHours())}:${pad(to.getMinutes())}`;
}

/** The facts of a wish, as much as this viewer may see (the server masks the rest). */
export function WishSummary({ wish }: { wish: WishView }) {
  const when = timeWindow(wish);
  return (
    <View className="card">
      <View className="wish-item">
        <CategoryIcon category={wish.category} />
        <View className="wish-item__main">
          <View className="row row--between">
            <Text className="muted">{CategoryLabels[wish.category]}</Text>
            <StatusTag status={wish.status} />
          </View>
          <Text className="card__title">{wish.title}</Text>
        </View>
      </View>
      <Text className="wish-desc">{wish.description}</Text>
      <View className="gap" />
      {wish.address && (
        <View className="kv">
          <Text className="kv__k">地点</Text>
          <Text className="kv__v">{wish.address}</Text>
        </View>
      )}
      {wish.distanceM !== undefined && (
        <View className="kv">
          <Text className="kv__k">距离</Text>
          <Text className="kv__v">{formatDistance(wish.distanceM)}</Text>
        </View>
      )}
      {wish.contactPhone && (
        <View className="kv">
          <Text className="kv__k">电话</Text>
          <Text className="kv__v">{wish.contactPhone}</Text>
        </View>
      )}
      {when && (
        <View className="kv">
          <Text className="kv__k">时间</Text>
          <Text className="kv__v">{when}</Text>
        </View>
      )}
      <View className="kv">
        <Text className="kv__k">需要人数</Text>
        <Text className="kv__v">{wish.helpersNeeded} 人</Text>
      </View>
      <View className="kv">
        <Text className="kv__k">发布时间</Text>
        <Text className="kv__v">{formatTime(wish.createdAt)}</Text>
      </View>
    </View>
  );
}
