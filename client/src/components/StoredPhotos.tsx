import Taro from '@tarojs/taro';
import { photoSrc } from '../services/files';
import { useMediaFailed } from './mediaRefresh';
import { PhotoThumbs } from './PhotoThumbs';

/**
 * Full size on a tap. In the browser Taro's preview brings a whole carousel library (swiper, some
 * 170 KB of script): fetched on the first tap, not with every page that can show a photo.
 */
function openPhoto(urls: string[], current: string): void {
  if (process.env.TARO_ENV === 'h5') void import('../services/previewImage').then((m) => m.previewImage(urls, current));
  else void Taro.previewImage({ urls, current });
}

/** Photos a helper sent (cloud file ids or our server's paths), each opening full size on a tap; any other reference is not shown. */
export function StoredPhotos({ refs, label }: { refs: string[]; label: string }) {
  const failed = useMediaFailed();
  const urls = refs.map(photoSrc).filter((u): u is string => u !== undefined);
  if (urls.length === 0) return null;
  // One that fails to load (its link expired while the screen stayed open): the screen asks for fresh links.
  return <PhotoThumbs srcs={urls} labelOf={(i) => `${label} ${i + 1}`} onTap={(i) => openPhoto(urls, urls[i])} onFail={failed} />;
}
