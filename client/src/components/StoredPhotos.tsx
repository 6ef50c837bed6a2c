import Taro from '@tarojs/taro';
import { photoSrc } from '../services/files';
import { PhotoThumbs } from './PhotoThumbs';

/** Photos a helper sent (cloud file ids or our server's paths), each opening full size on a tap. */
export function StoredPhotos({ refs, label }: { refs: string[]; label: string }) {
  if (refs.length === 0) return null;
  const urls = refs.map(photoSrc);
  return <PhotoThumbs srcs={urls} labelOf={(i) => `${label} ${i + 1}`} onTap={(i) => void Taro.previewImage({ urls, current: urls[i] })} />;
}
