import { Text, View } from '@tarojs/components';
import type { SimilarWish } from '@shared/actions';
import { StatusTag, formatDistance } from '../../components';
import './SimilarNotice.scss';

/** What a resident is told; staff entering for someone pass their own wording. */
export const ResidentAdvice = '如果说的是同一件事，就不用再发了；如果不一样，照常提交就好。';

/** "约 120米"; a few metres reads as "就在旁边" rather than "约 3米". */
export function aboutDistance(m: number): string {
  return m < 10 ? '就在旁边' : `约 ${formatDistance(m)}`;
}

/**
 * Open wishes like this one close by, shown above the submit button. Only a hint, never a
 * step: posting stays one tap (elder mode asks for as few steps as possible).
 */
export function SimilarNotice({ items, advice = ResidentAdvice }: { items: SimilarWish[]; advice?: string }) {
  if (items.length === 0) return null;
  return (
    <View className="banner banner--info similar-notice" role="status" aria-live="polite">
      <Text className="similar-notice__head">附近已有 {items.length} 个类似心愿</Text>
      {items.map((w) => (
        <View key={w.id} className="similar-notice__item">
          <Text className="similar-notice__title">「{w.title}」</Text>
          <StatusTag status={w.status} />
          <Text className="similar-notice__distance">{aboutDistance(w.distanceM)}</Text>
        </View>
      ))}
      <Text className="similar-notice__advice">{advice}</Text>
    </View>
  );
}
