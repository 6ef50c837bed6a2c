import Taro from '@tarojs/taro';
import { AppError } from '@shared/errors';
import { isAudioRef, isPhotoRef, storedRef } from '@shared/vocab/photoRefs';
import { apiUrl, authHeader, withFreshToken } from './api';
import { messageOf, OfflineError } from './errors';
import { usesCloud } from './platform';
import { chooseImage, uploadFile } from './mediaCalls';

const UPLOAD_TIMEOUT_MS = 60000;

/** A photo that did not reach the server; says which one and why, so the person can retry or drop it. */
export class PhotoUploadError extends Error {
  constructor(readonly index: number, readonly reason: unknown) {
    super(`第 ${index + 1} 张照片上传失败：${reasonText(reason)}`);
    this.name = 'PhotoUploadError';
  }
}

/** The voice note did not reach the server: the recording is kept, to send again or record anew. */
export class VoiceUploadError extends Error {
  constructor(readonly reason: unknown) {
    super(`语音上传失败：${reasonText(reason)}`);
    this.name = 'VoiceUploadError';
  }
}

function reasonText(err: unknown): string {
  // The server names the limit ("照片不能超过 5 MB") or the format; that helps more than a generic line.
  if (err instanceof AppError && /[\u4e00-\u9fff]/.test(err.message) && err.code !== 'INTERNAL') return err.message;
  return messageOf(err);
}

// Promise chains, not async functions, below: the mini-program's build turns each async function into a state machine
// (about twice the bytes), and this module is in its main package (budget 600 KB). Each still only rejects, never throws.

export function choosePhotos(max: number): Promise<string[]> {
  try {
    // Called at once, inside the tap: a browser opens its file chooser only for a person's own gesture.
    return chooseImage({ count: max, sizeType: ['compressed'], sourceType: ['album', 'camera'] }).then((res) => res.tempFilePaths);
  } catch (err) {
    return Promise.reject(err);
  }
}

/** POST /api/upload on our server (multipart, one `file`); the reply is a `/files/…` path. */
function uploadToServer(filePath: string): Promise<string> {
  return withFreshToken<{ url?: unknown }>(() =>
    Promise.resolve()
      .then(() => uploadFile({ url: apiUrl('/api/upload'), filePath, name: 'file', timeout: UPLOAD_TIMEOUT_MS, header: authHeader() }))
      .catch(() => {
        throw new OfflineError();
      }),
  ).then(({ url }) => {
    if (typeof url !== 'string') throw new AppError('INTERNAL', '');
    return url;
  });
}

function uploadToCloud(folder: string, filePath: string, i: number, fallbackExt: string): Promise<string> {
  // The fileID must read as a PhotoRef (or AudioRef): the extension is the only part of the local path it keeps.
  const last = filePath.split('.').pop() ?? '';
  const ext = /^[A-Za-z0-9]{1,5}$/.test(last) ? last : fallbackExt;
  return Promise.resolve()
    .then(() => Taro.cloud.uploadFile({ cloudPath: `wishes/${folder}/${Date.now()}-${i}.${ext}`, filePath }))
    .then((res) => res.fileID);
}

/** Local path → stored reference, so a retried submit does not send the same file twice. */
const uploaded = new Map<string, string>();

function uploadOne(folder: string, path: string, i: number, fallbackExt: string): Promise<string> {
  const ref = uploaded.get(path);
  if (ref) return Promise.resolve(ref);
  return (usesCloud() ? uploadToCloud(folder, path, i, fallbackExt) : uploadToServer(path)).then((stored) => {
    uploaded.set(path, stored);
    return stored;
  });
}

/**
 * Uploads chosen photos in order: WeChat cloud storage (fileIDs) or our server (`/files/…`). One already stored
 * (a wish being edited keeps its photos) is kept as it is. The first failure stops and throws PhotoUploadError.
 * `folder`: the wish's id, or `new` for one not posted yet.
 */
export function uploadPhotos(folder: string, paths: string[]): Promise<string[]> {
  const refs: string[] = [];
  return paths
    .reduce<Promise<unknown>>(
      (before, p, i) =>
        before
          .then(() =>
            // A kept photo came in a reply, signed to be shown: it goes back as the reference it was stored as.
            isPhotoRef(storedRef(p))
              ? storedRef(p)
              : uploadOne(folder, p, i, 'jpg').catch((err: unknown) => {
                  throw new PhotoUploadError(i, err);
                }),
          )
          .then((ref) => refs.push(ref)),
      Promise.resolve(),
    )
    .then(() => refs);
}

/** The recording's stored reference (kept as it is when already stored); VoiceUploadError when it does not get through. */
export function uploadVoice(folder: string, path: string): Promise<string> {
  if (isAudioRef(storedRef(path))) return Promise.resolve(storedRef(path));
  return uploadOne(folder, path, 0, 'mp3').catch((err: unknown) => {
    throw new VoiceUploadError(err);
  });
}

/**
 * A form's payload with its photos and voice note uploaded: local files become stored references, stored ones stay.
 * Photos first, then the voice note; the first failure throws (PhotoUploadError, VoiceUploadError) and the form keeps
 * the files to send again.
 */
export function withUploads<P extends { photos?: unknown; voice?: unknown }>(payload: P, folder: string): Promise<P> {
  const out: P = { ...payload };
  const voice = payload.voice as { url: string; seconds: number } | undefined;
  return (Array.isArray(payload.photos) ? uploadPhotos(folder, payload.photos as string[]) : Promise.resolve(undefined))
    .then((photos) => {
      if (photos) out.photos = photos;
      return voice && uploadVoice(folder, voice.url);
    })
    .then((url) => {
      if (voice) out.voice = { ...voice, url };
      return out;
    });
}
