import Taro from '@tarojs/taro';

/** A photo full size, the others a swipe away. Its own module so the browser build can fetch it (and the carousel behind it) on the first tap. */
export function previewImage(urls: string[], current: string): Promise<unknown> {
  return Taro.previewImage({ urls, current });
}
