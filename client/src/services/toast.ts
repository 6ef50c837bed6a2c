import Taro from '@tarojs/taro';
import { messageOf } from './errors';
import { isPausedHere } from './session';

/**
 * A failed action told in a toast. Not when the person's community paused them (MEMBER_DEACTIVATED there): the banner
 * at the top of every page says it once (components/PausedBanner), where a toast per refused call would only repeat it.
 */
export function toastError(err: unknown, duration = 3000): void {
  if (isPausedHere(err)) return;
  void Taro.showToast({ title: messageOf(err), icon: 'none', duration });
}
