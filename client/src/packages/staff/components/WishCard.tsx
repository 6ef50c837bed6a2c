import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { urgencySignText, type UrgencySign } from '@shared/lifecycle/urgency';
import { WishNo } from '../../../components/WishNo';
import type { StaffWish } from '../lib/api';
import { ageText, categoryLabel, channelLabel, priorityLabel } from '../lib/format';
import { StoredPhotos } from '../../../components/StoredPhotos';
import { VoicePlayer } from '../../../components/VoicePlayer';

interface Props {
  wish: StaffWish;
  /** Shown under the facts: the status of a wish someone else already handled, a warning… */
  notice?: ReactNode;
  children?: ReactNode;
  now?: number;
  /** A danger word in a normal wish awaiting review: marked so it is not left at the bottom of the pile. */
  sign?: UrgencySign | null;
}

/** One wish as staff triage it: what, for whom, how long it has waited, where it came from. */
export function WishCard({ wish, notice, children, now, sign }: Props) {
  const urgent = wish.priority === 'urgent' || wish.priority === 'high';
  const who = wish.beneficiary?.name ?? wish.ownerName;
  return (
    <View className='staff-wish' aria-label={`心愿：${wish.title}`}>
      <View className='staff-wish__head'>
        <Text className='staff-wish__category'>{categoryLabel(wish.category)}</Text>
        {urgent && <Text className={`staff-wish__priority staff-wish__priority--${wish.priority}`}>{priorityLabel(wish.priority)}</Text>}
        {!urgent && sign && <Text className='staff-wish__priority staff-wish__priority--suggested'>可能紧急</Text>}
        <Text className='staff-wish__age'>{ageText(wish.submittedAt ?? wish.createdAt, now)}</Text>
      </View>
      <WishNo number={wish.number} className='staff-wish__number' />
      <Text className='staff-wish__title'>{wish.title}</Text>
      {!urgent && sign && <Text className='staff-wish__sign'>{urgencySignText(sign)}</Text>}
      {wish.description && <Text className='staff-wish__desc'>{wish.description}</Text>}
      {wish.voice && (
        <View className='staff-wish__voice'>
          <VoicePlayer src={wish.voice.url} seconds={wish.voice.seconds} label='居民的语音' />
          {!wish.description && <Text className='staff-wish__hint'>居民用语音说明，请听后整理成文字</Text>}
        </View>
      )}
      {wish.photos && <StoredPhotos refs={wish.photos} label='心愿照片' />}
      <View className='staff-wish__facts'>
        <Text>来源：{channelLabel(wish.channel)}</Text>
        {wish.gridName && <Text>网格：{wish.gridName}</Text>}
        {who && <Text>居民：{who}</Text>}
        {wish.address && <Text>地址：{wish.address}</Text>}
        {wish.communityName && <Text>社区：{wish.communityName}</Text>}
      </View>
      {notice && <View className='staff-wish__notice'>{notice}</View>}
      {children}
    </View>
  );
}
