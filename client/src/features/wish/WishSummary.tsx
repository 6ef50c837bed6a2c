import { Text, View } from '@tarojs/components';
import { CategoryLabels } from '@shared/vocab/categories';
import type { WishState } from '@shared/vocab/wishStates';
import { CategoryIcon, StatusTag, formatDistance, formatTime, formatWindow } from '../../components';
import { StoredPhotos } from '../../components/StoredPhotos';
import { VoicePlayer } from '../../components/VoicePlayer';
import type { NearbyItem, WishView } from '../../services/wishes';

/** A wish as read in full (wishes.detail), or a task hall row when that is all the helper may see. */
export type SummaryWish = WishView | NearbyItem;


/** The facts of a wish, as much as this viewer may see (the server masks the rest). */
export function WishSummary({ wish, status: shown }: { wish: SummaryWish; /** The state to tag, when the viewer's own place differs from the wish's. */ status?: WishState }) {
  const when = wish.preferredTime ? formatWindow(wish.preferredTime) : undefined;
  const status = shown ?? ('status' in wish ? wish.status : undefined);
  const description = 'description' in wish ? wish.description : undefined;
  const distanceM = 'distanceM' in wish ? wish.distanceM : undefined;
  return (
    <View className="card">
      <View className="wish-item">
        <CategoryIcon category={wish.category} />
        <View className="wish-item__main">
          <View className="row row--between">
            <Text className="muted">{CategoryLabels[wish.category]}</Text>
            <StatusTag status={status} />
          </View>
          <Text className="card__title">{wish.title}</Text>
        </View>
      </View>
      {description && <Text className="wish-desc">{description}</Text>}
      {/* What the resident said and showed: only those the privacy policy names are sent them. */}
      {'voice' in wish && wish.voice && <VoicePlayer src={wish.voice.url} seconds={wish.voice.seconds} label="居民的语音" />}
      {'photos' in wish && wish.photos && <StoredPhotos refs={wish.photos} label="心愿照片" />}
      <View className="gap" />
      {'number' in wish && wish.number && (
        <View className="kv">
          <Text className="kv__k">心愿编号</Text>
          <Text className="kv__v wish-number" userSelect>{wish.number}</Text>
        </View>
      )}
      {wish.address && (
        <View className="kv">
          <Text className="kv__k">地点</Text>
          <Text className="kv__v">{wish.address}</Text>
        </View>
      )}
      {distanceM !== undefined && (
        <View className="kv">
          <Text className="kv__k">距离</Text>
          <Text className="kv__v">{formatDistance(distanceM)}</Text>
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
          <Text className="kv__k">期望时间</Text>
          <Text className="kv__v">{when}</Text>
        </View>
      )}
      {'paidHours' in wish && wish.paidHours && (
        <View className="kv">
          <Text className="kv__k">支付方式</Text>
          <Text className="kv__v tag tag--hours">时间银行 · {wish.paidHours} 小时</Text>
        </View>
      )}
      {'beneficiary' in wish && wish.beneficiary && (
        <View className="kv">
          <Text className="kv__k">服务对象</Text>
          <Text className="kv__v">{wish.beneficiary.name}</Text>
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
