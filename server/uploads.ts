import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { AppError } from '@shared';
import { UPLOADED_AUDIO_NAME, UPLOADED_PHOTO_NAME } from '@shared/schemas/primitives';
import type { Runtime } from '../cloudfunctions/_core/runtime/types';
import type { PhotoInfo } from '../cloudfunctions/_core/store/photos';
import { filesSecretOf, type ServerConfig } from './config';
import { fileUrlSigner, refusalError, type FileUrlSigner } from './fileUrls';

export interface UploadDeps {
  config: ServerConfig;
  runtime: Runtime;
  identify(header?: string): Promise<string | null>;
}

interface Kind {
  ext: string;
  type: string;
  media: 'photo' | 'voice';
  is: (b: Buffer) => boolean;
}

const latin1 = (b: Buffer, from: number, to: number) => (b.length >= to ? b.toString('latin1', from, to) : '');

/** What a volunteer's phone produces and every client can show. HEIC is left out: Android WeChat and browsers can't display it, and WeChat's compressed pick is JPEG anyway. */
const IMAGE_KINDS: readonly Kind[] = [
  { ext: 'jpg', type: 'image/jpeg', media: 'photo', is: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { ext: 'png', type: 'image/png', media: 'photo', is: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { ext: 'webp', type: 'image/webp', media: 'photo', is: (b) => latin1(b, 0, 4) === 'RIFF' && latin1(b, 8, 12) === 'WEBP' },
];

/**
 * What recorders make: WeChat's RecorderManager mp3 or aac (ADTS), a phone browser's MediaRecorder webm (Chrome),
 * ogg (Firefox) or mp4 (Safari, kept as m4a). Told by their first bytes, as photos are. An ADTS header is a frame
 * sync with layer 00; an MP3 frame's layer is never 00, so the two never take each other's bytes.
 */
const AUDIO_KINDS: readonly Kind[] = [
  { ext: 'mp3', type: 'audio/mpeg', media: 'voice', is: (b) => latin1(b, 0, 3) === 'ID3' || (b.length > 3 && b[0] === 0xff && (b[1] & 0xe0) === 0xe0 && (b[1] & 0x06) !== 0 && (b[1] & 0x18) !== 0x08) },
  { ext: 'aac', type: 'audio/aac', media: 'voice', is: (b) => b.length > 7 && b[0] === 0xff && (b[1] & 0xf6) === 0xf0 },
  { ext: 'm4a', type: 'audio/mp4', media: 'voice', is: (b) => latin1(b, 4, 8) === 'ftyp' },
  { ext: 'webm', type: 'audio/webm', media: 'voice', is: (b) => b.length > 4 && b.readUInt32BE(0) === 0x1a45dfa3 },
  { ext: 'ogg', type: 'audio/ogg', media: 'voice', is: (b) => latin1(b, 0, 4) === 'OggS' },
];

const KINDS: readonly Kind[] = [...IMAGE_KINDS, ...AUDIO_KINDS];
const kindOfExt = (ext: string): Kind => KINDS.find((k) => k.ext === ext)!;

/** Stored names are the content's sha256: nothing of the client's filename reaches the disk, and a retried upload lands on the same file. */
export const STORED_NAME = new RegExp(`${UPLOADED_PHOTO_NAME.source}|${UPLOADED_AUDIO_NAME.source}`);
const partsOf = (name: string) => {
  const m = STORED_NAME.exec(name);
  return m ? { sha: (m[1] ?? m[3])!, ext: (m[2] ?? m[4])! } : null;
};
/** Where a stored photo is served, and how wishes refer to it. */
export const urlOfPhoto = (name: string) => `/files/${name}`;
const UPLOADS_PER_MINUTE = 60;
/** Boundaries, part headers and the few small fields a client adds around the photo. */
const MULTIPART_OVERHEAD = 16 * 1024;

/** Kinds come from the first bytes, never from the filename or the part's declared type. */
function sniff(bytes: Buffer): Kind | undefined {
  return KINDS.find((k) => k.is(bytes));
}

/** One `bytes=` range (RFC 9110 §14.1.2): from-to, from-, or the last n. Null: no single range we serve, so the whole file. */
export function parseRange(header: string | undefined, length: number): { start: number; end: number } | 'unsatisfiable' | null {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const last = Number(m[2]);
    if (last === 0) return 'unsatisfiable';
    return { start: Math.max(0, length - last), end: length - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? length - 1 : Math.min(Number(m[2]), length - 1);
  if (m[2] !== '' && Number(m[2]) < start) return null;
  if (start >= length) return 'unsatisfiable';
  return { start, end };
}

/** Headers every photo reply carries, whole or in part. `maxAge`: what is left of the URL's life. */
function photoHeaders(reply: FastifyReply, photo: PhotoInfo, etag: string, type: string, maxAge: number): void {
  reply
    .header('content-type', type)
    .header('x-content-type-options', 'nosniff')
    // A photo is never a page: even if a browser were talked into rendering it, it runs nothing.
    .header('content-security-policy', "default-src 'none'; sandbox; frame-ancestors 'none'")
    // The name is the content: it never changes; the browser keeps it no longer than its URL works. Private: photos
    // of people's homes stay out of shared caches.
    .header('cache-control', `private, max-age=${maxAge}, immutable`)
    .header('etag', etag)
    .header('last-modified', photo.uploadedAt.toUTCString())
    .header('accept-ranges', 'bytes');
}

type FileRequest = FastifyRequest<{ Params: { '*': string }; Querystring: Record<string, unknown> }>;

async function servePhoto(req: FileRequest, reply: FastifyReply, rt: Runtime, signer: FileUrlSigner) {
  const name = req.params['*'];
  const m = partsOf(name);
  if (!m) throw new AppError('NOT_FOUND', '文件不存在');
  // The signature before the database: a request without one learns nothing, not even whether such a file exists.
  const now = rt.now();
  const refused = signer.check(name, req.query, now);
  if (refused) throw refusalError(refused);
  const photo = await rt.repos.photos.stat(name);
  if (!photo) throw new AppError('NOT_FOUND', '文件不存在');
  const etag = `"${m.sha}"`;
  const maxAge = Math.max(0, Number(req.query.exp) - Math.floor(now.getTime() / 1000));
  photoHeaders(reply, photo, etag, kindOfExt(m.ext).type, maxAge);
  if (req.headers['if-none-match'] === etag) return reply.status(304).send();
  // If-Range with another validator: the client's part is of something else, so it gets the whole.
  const ifRange = req.headers['if-range'];
  const range = ifRange === undefined || ifRange === etag ? parseRange(req.headers.range, photo.length) : null;
  if (range === 'unsatisfiable') return reply.status(416).header('content-range', `bytes */${photo.length}`).send();
  if (!range) return reply.header('content-length', photo.length).send(rt.repos.photos.open(photo.name));
  reply.status(206).header('content-range', `bytes ${range.start}-${range.end}/${photo.length}`).header('content-length', range.end - range.start + 1);
  return reply.send(rt.repos.photos.open(photo.name, { start: range.start, end: range.end + 1 }));
}

/**
 * Photos an earlier version kept on disk (UPLOAD_DIR, or `uploads/` beside the embedded database) are
 * moved into the database at start, keeping their age; each is skipped once there, so every process may run it.
 */
export async function importDiskPhotos(config: ServerConfig, rt: Runtime): Promise<number> {
  const dir = config.uploadDir ? path.resolve(config.uploadDir) : config.dbPath === ':memory:' ? undefined : path.resolve(path.dirname(config.dbPath), 'uploads');
  if (!dir) return 0;
  const names = await fs.promises.readdir(dir).catch(() => [] as string[]);
  let imported = 0;
  for (const name of names) {
    const m = UPLOADED_PHOTO_NAME.exec(name);
    if (!m || (await rt.repos.photos.stat(name))) continue;
    const file = path.join(dir, name);
    const [bytes, stat] = await Promise.all([fs.promises.readFile(file), fs.promises.stat(file)]);
    await rt.repos.photos.put(name, bytes, kindOfExt(m[2]).type, stat.mtime);
    imported++;
  }
  return imported;
}

/**
 * Photos for tasks.complete/progress and a wish's photos, and a wish's voice note, over HTTP (WeChat cloud mode
 * uploads to cloud storage instead). `POST /api/upload` (multipart, one `file` part, signed in) → `{url:
 * '/files/<sha256>.<ext>'}`, a path the client resolves against its API base, so stored wishes survive a change of
 * domain. Photos and recordings share the route, so one person's uploads of either draw on one budget a minute;
 * each kind has its own size limit.
 * `GET /files/<name>?u=…&exp=…&sig=…` serves it to whoever holds a URL a reply signed for them, until it expires
 * (server/fileUrls.ts: an `<image>` can't send a token); without a valid signature it is 403, whether or not the file
 * exists. The upload's own reply is the bare reference, which serves nothing: the uploader sent the bytes.
 * Kept in the database (GridFS), so any gateway on it serves what another took in.
 */
export async function uploadRoutes(app: FastifyInstance, d: UploadDeps): Promise<void> {
  const limits = { photo: d.config.uploadLimitBytes, voice: d.config.voiceLimitBytes };
  // The parser stops at the larger; a part past its own kind's limit is refused once its bytes say which it is.
  const limit = Math.max(limits.photo, limits.voice);
  const mb = (n: number) => (n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB` : `${Math.round(n / 1024)} KB`);
  const tooLarge = (media?: Kind['media']) =>
    media === undefined
      ? new AppError('PAYLOAD_TOO_LARGE', `照片不能超过 ${mb(limits.photo)}，语音不能超过 ${mb(limits.voice)}`, { limitBytes: limit })
      : new AppError('PAYLOAD_TOO_LARGE', `${media === 'photo' ? '照片' : '语音'}不能超过 ${mb(limits[media])}`, { limitBytes: limits[media] });
  // Registered here, not on the root: only this route reads multipart bodies.
  await app.register(multipart, { limits: { fileSize: limit, files: 1, fields: 4, parts: 5, fieldSize: 1024 } });

  app.post(
    '/api/upload',
    {
      config: { rateLimit: { max: Math.min(UPLOADS_PER_MINUTE, d.config.rateLimitPerMinute), timeWindow: 60_000 } },
      // Before the body is read: a stranger's megabytes are never parsed.
      onRequest: async (req) => {
        if (!(await d.identify(req.headers.authorization))) throw new AppError('UNAUTHENTICATED', '请先登录');
        // A declared length far past the cap is refused without reading it (the parser would drain it all).
        if (Number(req.headers['content-length']) > limit + MULTIPART_OVERHEAD) throw tooLarge();
      },
    },
    async (req) => {
      const unreadable = (message: string) => new AppError('VALIDATION_FAILED', message, { fields: [{ path: 'file', message }] });
      if (!req.isMultipart()) throw unreadable('请以 multipart/form-data 上传照片或语音');
      // Anything the parser throws is about the body the client sent (no boundary, cut short, bad
      // headers): a 400 that says so, not a 500 and a stack trace in the log.
      const malformed = (err: unknown) => {
        if (err instanceof AppError) return err;
        if (err instanceof app.multipartErrors.RequestFileTooLargeError) return tooLarge();
        return unreadable('上传的格式不正确，请重新上传');
      };
      let bytes: Buffer;
      try {
        const part = await req.file();
        if (!part) throw unreadable('没有收到照片或语音');
        bytes = await part.toBuffer();
      } catch (err) {
        throw malformed(err);
      }
      const kind = sniff(bytes);
      if (!kind) throw unreadable('只能上传 JPG、PNG、WebP 格式的照片，或 MP3、AAC、M4A、WebM、Ogg 格式的语音');
      if (bytes.length > limits[kind.media]) throw tooLarge(kind.media);
      const name = `${createHash('sha256').update(bytes).digest('hex')}.${kind.ext}`;
      await d.runtime.repos.photos.put(name, bytes, kind.type, d.runtime.now());
      return { ok: true, data: { url: urlOfPhoto(name) } };
    },
  );

  // A wildcard, so `/files/../x` and nested paths land here (and get 404) instead of the h5 fallback.
  const signer = fileUrlSigner(filesSecretOf(d.config));
  app.get<{ Params: { '*': string }; Querystring: Record<string, unknown> }>('/files/*', (req, reply) => servePhoto(req, reply, d.runtime, signer));
}
