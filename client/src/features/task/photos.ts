import Taro from '@tarojs/taro';
import { AppError } from '@shared/errors';
import { apiUrl, authHeader, withFreshToken } from '../../services/api';
import { messageOf, OfflineError } from '../../services/errors';
import { usesCloud } from '../../services/platform';

const UPLOAD_TIMEOUT_MS = 60000;

/** A photo that did not reach the server; says which one and why, so the volunteer can retry or drop it. */
export class PhotoUploadError extends Error {
  constructor(readonly index: number, readonly reason: unknown) {
    super(`第 ${index + 1} 张照片上传失败：${reasonText(reason)}`);
    this.name = 'PhotoUploadError';
  }
}

function reasonText(err: unknown): string {
  // The server names the limit ("照片不能超过 5 MB") or the format; that helps more than a generic line.
  if (err instanceof AppError && /[\u4e00-\u9fff]/.test(err.message) && err.code !== 'INTERNAL') return err.message;
  return messageOf(err);
}

export async function choosePhotos(max: number): Promise<string[]> {
  const res = await Taro.chooseImage({ count: max, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
  return res.tempFilePaths;
}

/** POST /api/upload on our server (multipart, one `file`); the reply is a `/files/…` path. */
async function uploadToServer(filePath: string): Promise<string> {
  const { url } = await withFreshToken<{ url?: unknown }>(async () => {
    try {
      return await Taro.uploadFile({ url: apiUrl('/api/upload'), filePath, name: 'file', timeout: UPLOAD_TIMEOUT_MS, header: authHeader() });
    } catch {
      throw new OfflineError();
    }
  });
  if (typeof url !== 'string') throw new AppError('INTERNAL', '');
  return url;
}

async function uploadToCloud(wishId: string, filePath: string, i: number): Promise<string> {
  // The fileID must read as a PhotoRef: the extension is the only part of the local path it keeps.
  const last = filePath.split('.').pop() ?? '';
  const ext = /^[A-Za-z0-9]{1,5}$/.test(last) ? last : 'jpg';
  const res = await Taro.cloud.uploadFile({ cloudPath: `wishes/${wishId}/${Date.now()}-${i}.${ext}`, filePath });
  return res.fileID;
}

/** Local path → stored reference, so a retried submit does not send the same photo twice. */
const uploaded = new Map<string, string>();

/**
 * Uploads chosen photos in order: WeChat cloud storage (fileIDs) or our server (`/files/…`),
 * both accepted by `tasks.complete {photos}`. The first failure stops and throws PhotoUploadError.
 */
export async function uploadPhotos(wishId: string, paths: string[]): Promise<string[]> {
  const refs: string[] = [];
  for (const [i, p] of paths.entries()) {
    let ref = uploaded.get(p);
    if (!ref) {
      try {
        ref = usesCloud() ? await uploadToCloud(wishId, p, i) : await uploadToServer(p);
      } catch (err) {
        throw new PhotoUploadError(i, err);
      }
      uploaded.set(p, ref);
    }
    refs.push(ref);
  }
  return refs;
}

