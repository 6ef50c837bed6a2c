import { Text } from '@tarojs/components';
import { WishStateLabels, type WishState } from '@shared/vocab/wishStates';

/** A coloured tag for a wish state; the colour groups states by who must act next. */
export function StatusTag({ status }: { status?: WishState }) {
  // A task opened from the hall is shown from its list item, which carries no state.
  if (!status) return null;
  return <Text className={`tag tag--${status}`}>{WishStateLabels[status] ?? status}</Text>;
}
