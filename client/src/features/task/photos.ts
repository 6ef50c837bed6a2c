import Taro from '@tarojs/taro';
import { usesCloud } from '../../services/platform';

/** Photos go to WeChat cloud storage; over HTTP the server takes no uploads yet, so they are skipped. */
export function canAttachPhotos(): boolean {
  return usesCloud();
}

export async function choosePhotos(max: number): Promise<string[]> {
  const res = await Taro.chooseImage({ count: max, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
  return res.tempFilePaths;
}

/** Upload chosen photos; returns cloud fileIDs for `tasks.complete {photos}`. */
export async function uploadPhotos(wishId: string, paths: string[]): Promise<string[]> {
  if (!usesCloud() || paths.length === 0) return [];
  const ids: string[] = [];
  for (const [i, p] of paths.entries()) {
    const ext = p.split('.').pop() ?? 'jpg';
    const res = await Taro.cloud.uploadFile({ cloudPath: `wishes/${wishId}/${Date.now()}-${i}.${ext}`, filePath: p });
    ids.push(res.fileID);
  }
  return ids;
}
