import { Text } from '@tarojs/components';

/**
 * 心愿编号 on a card, as every list shows it: 编号 TY-2026-0123. The number is the wish's own, formatted once when it
 * was given (shared/wishNumber `formatWishNumber`) and shown as stored; nothing when a wish has none.
 */
export function WishNo({ number, className = 'wish-no' }: { number?: string; className?: string }) {
  if (!number) return null;
  return <Text className={className}>编号 {number}</Text>;
}
