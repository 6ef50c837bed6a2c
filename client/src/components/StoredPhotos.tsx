import Taro from '@tarojs/taro';
import { photoSrc } from '../services/files';
import { PhotoThumbs } from './PhotoThumbs';

/** Photos a helper sent (cloud file ids or our server's paths), each opening full size on a tap; any other reference is not shown. */
export function StoredPhotos({ refs, label }: { refs: string[]; label: string }) {
  const urls = refs.map(photoSrc).filter((u): u is string => u !== undefined);
  if (urls.length === 0) return null;
  return <PhotoThumbs srcs={urls} labelOf={(i) => `${label} ${i + 1}`} onTap={(i) => void Taro.previewImage({ urls, current: urls[i] })} />;
}
