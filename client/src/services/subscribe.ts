import Taro from '@tarojs/taro';
import type { NotificationTemplateKey } from '@shared/notify/templates';
import { call } from './api';
import { isWeapp } from './platform';

const templateIds: Record<string, string> = typeof SUBSCRIBE_TEMPLATES === 'object' && SUBSCRIBE_TEMPLATES ? SUBSCRIBE_TEMPLATES : {};

/**
 * Ask for one-time subscribe-message consent right after an action that will produce
 * news (posting, claiming). Each acceptance buys one send, so we ask again next time.
 * Silently does nothing in h5 (the in-app inbox still gets every message) or when the
 * mini-program has no template ids configured.
 */
export async function askSubscribe(keys: NotificationTemplateKey[]): Promise<void> {
  if (!isWeapp) return;
  const wanted = keys.filter((k) => templateIds[k]).slice(0, 3);
  if (wanted.length === 0) return;
  try {
    const res = (await Taro.requestSubscribeMessage({ tmplIds: wanted.map((k) => templateIds[k]) } as never)) as unknown as Record<string, string>;
    const results = wanted.map((k) => ({ template: k, accepted: res[templateIds[k]] === 'accept' }));
    await call('notify', 'subscribe', { results });
  } catch {
    // A refusal or an old base library is not an error the person needs to see.
  }
}
