import type Taro from '@tarojs/taro';

/**
 * h5: the album and upload calls as a chunk of their own, fetched on first use. They bring Taro's device detection
 * (is-mobile and platform.js, which parses the user agent as it loads): some 23 KB of script (8 KB brotli) and
 * 6-10 ms of CPU on a desktop core, 4× that on Lighthouse's phone, in front of the post and proxy forms' first paint.
 */
const load = () => import('./mediaApi');

export const chooseImage = async (option: Taro.chooseImage.Option) => (await load()).chooseImage(option);
export const uploadFile = async (option: Taro.uploadFile.Option) => (await load()).uploadFile(option);

/**
 * Fetches them ahead, on the touch that starts a tap on 添加照片: the browser opens its file picker only within a
 * few seconds of the tap, so the picker must not wait long for its code.
 */
export function prefetchMediaCalls(): void {
  void load().catch(() => undefined);
}
