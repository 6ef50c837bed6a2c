import Taro from '@tarojs/taro';
import { AppError, isErrorCode } from '@shared/errors';
import { apiUrl } from '../../services/api';
import { messageOf, OfflineError } from '../../services/errors';
import { usesCloud } from '../../services/platform';
import { getToken, onUnauthenticated } from '../../services/token';

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

/** What the server's envelope says about one upload; a proxy's bare 413 or 502 is read from the status. */
function urlOf(raw: unknown, status: number): string {
  let body: unknown = raw;
  if (typeof raw === 'string') {
    try {
      body = JSON.parse(raw);
    } catch {
      body = null;
    }
  }
  const env = body as { ok?: boolean; data?: { url?: unknown }; error?: { code?: unknown; message?: string; details?: unknown } } | null;
  if (env?.ok === true && typeof env.data?.url === 'string') return env.data.url;
  if (env?.ok === false) throw new AppError(isErrorCode(env.error?.code) ? env.error.code : 'INTERNAL', env.error?.message ?? '', env.error?.details);
  if (status === 413) throw new AppError('PAYLOAD_TOO_LARGE', '');
  if (status === 429) throw new AppError('RATE_LIMITED', '');
  if (status === 401) throw new AppError('UNAUTHENTICATED', '');
  if (status >= 502 && status <= 504) throw new OfflineError();
  throw new AppError('INTERNAL', '');
}

/** POST /api/upload on our server (multipart, one `file`); the reply is a `/files/…` path. */
async function uploadToServer(filePath: string): Promise<string> {
  const token = getToken();
  let res: { data: unknown; statusCode: number };
  try {
    res = await Taro.uploadFile({
      url: apiUrl('/api/upload'),
      filePath,
      name: 'file',
      timeout: UPLOAD_TIMEOUT_MS,
      header: token ? { Authorization: `Bearer ${token}` } : {},
    });
  } catch {
    throw new OfflineError();
  }
  try {
    return urlOf(res.data, res.statusCode);
  } catch (err) {
    if (err instanceof AppError && err.code === 'UNAUTHENTICATED') onUnauthenticated();
    throw err;
  }
}

async function uploadToCloud(wishId: string, filePath: string, i: number): Promise<string> {
  const ext = filePath.split('.').pop() ?? 'jpg';
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

