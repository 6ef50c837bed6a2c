import { Text } from '@tarojs/components';
import { WishStateLabels, type WishState } from '@shared/enums/wishStates';

/** A coloured tag for a wish state; the colour groups states by who must act next. */
export function StatusTag({ status }: { status: WishState }) {
  return <Text className={`tag tag--${status}`}>{WishStateLabels[status] ?? status}</Text>;
}
