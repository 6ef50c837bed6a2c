import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { AppError } from '@shared';
import { UPLOADED_PHOTO_NAME } from '@shared/schemas/primitives';
import type { ServerConfig } from './config';

export interface UploadDeps {
  config: ServerConfig;
  /** Resolved once (uploadDirOf) and shared with the sweep of unused photos. */
  uploads: UploadDir;
  identify(header?: string): Promise<string | null>;
}

export interface UploadDir { dir: string; temporary: boolean }

/** What a volunteer's phone produces and every client can show. HEIC is left out: Android WeChat and browsers can't display it, and WeChat's compressed pick is JPEG anyway. */
const IMAGE_KINDS = [
  { ext: 'jpg', type: 'image/jpeg', is: (b: Buffer) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { ext: 'png', type: 'image/png', is: (b: Buffer) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { ext: 'webp', type: 'image/webp', is: (b: Buffer) => b.length > 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP' },
] as const;

/** Stored names are the content's sha256: nothing of the client's filename reaches the disk, and a retried upload lands on the same file. */
export const STORED_NAME = UPLOADED_PHOTO_NAME;
/** Where a stored photo is served, and how wishes refer to it. */
export const urlOfPhoto = (name: string) => `/files/${name}`;
const UPLOADS_PER_MINUTE = 60;
/** Boundaries, part headers and the few small fields a client adds around the photo. */
const MULTIPART_OVERHEAD = 16 * 1024;

/** Kinds come from the first bytes, never from the filename or the part's declared type. */
function sniffImage(bytes: Buffer): (typeof IMAGE_KINDS)[number] | undefined {
  return IMAGE_KINDS.find((k) => k.is(bytes));
}

/** UPLOAD_DIR, else `uploads` beside the embedded database's directory; a throwaway database gets a throwaway directory. */
export function uploadDirOf(config: ServerConfig): UploadDir {
  if (config.uploadDir) return { dir: path.resolve(config.uploadDir), temporary: false };
  if (config.dbPath === ':memory:') return { dir: fs.mkdtempSync(path.join(os.tmpdir(), 'xinyuan-uploads-')), temporary: true };
  return { dir: path.resolve(path.dirname(config.dbPath), 'uploads'), temporary: false };
}

async function store(dir: string, name: string, bytes: Buffer): Promise<void> {
  const target = path.join(dir, name);
  if (fs.existsSync(target)) {
    // Uploaded again (a retried report): its age starts over, so the sweep of unused photos can't take it from under the retry.
    const now = new Date();
    await fs.promises.utimes(target, now, now);
    return;
  }
  // Written aside and renamed in: a reader never sees half a photo. The dot keeps it outside STORED_NAME.
  const partial = path.join(dir, `.${randomBytes(8).toString('hex')}.partial`);
  try {
    await fs.promises.writeFile(partial, bytes, { flag: 'wx', mode: 0o644 });
    await fs.promises.rename(partial, target);
  } finally {
    await fs.promises.rm(partial, { force: true });
  }
}

/**
 * Photos for tasks.complete/progress over HTTP (WeChat cloud mode uploads to cloud storage instead).
 * `POST /api/upload` (multipart, one `file` part, signed in) → `{url: '/files/<sha256>.<ext>'}`, a path
 * the client resolves against its API base, so stored wishes survive a change of domain.
 * `GET /files/<name>` serves it to anyone holding the name (an `<image>` can't send a token).
 * One machine's disk: with more than one server, point UPLOAD_DIR at shared storage.
 */
export async function uploadRoutes(app: FastifyInstance, d: UploadDeps): Promise<void> {
  const { dir, temporary } = d.uploads;
  fs.mkdirSync(dir, { recursive: true });
  if (temporary) app.addHook('onClose', async () => fs.promises.rm(dir, { recursive: true, force: true }));

  const limit = d.config.uploadLimitBytes;
  const limitText = `${Math.round((limit / 1024 / 1024) * 10) / 10} MB`;
  const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', `照片不能超过 ${limitText}`, { limitBytes: limit });
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
      if (!req.isMultipart()) throw unreadable('请以 multipart/form-data 上传照片');
      // Anything the parser throws is about the body the client sent (no boundary, cut short, bad
      // headers): a 400 that says so, not a 500 and a stack trace in the log.
      const malformed = (err: unknown) => {
        if (err instanceof AppError) return err;
        if (err instanceof app.multipartErrors.RequestFileTooLargeError) return tooLarge();
        return unreadable('照片上传的格式不正确，请重新上传');
      };
      let bytes: Buffer;
      try {
        const part = await req.file();
        if (!part) throw unreadable('没有收到照片');
        bytes = await part.toBuffer();
      } catch (err) {
        throw malformed(err);
      }
      const kind = sniffImage(bytes);
      if (!kind) throw unreadable('只能上传 JPG、PNG 或 WebP 格式的照片');
      const name = `${createHash('sha256').update(bytes).digest('hex')}.${kind.ext}`;
      await store(dir, name, bytes);
      return { ok: true, data: { url: urlOfPhoto(name) } };
    },
  );

  // A wildcard, so `/files/../x` and nested paths land here (and get 404) instead of the h5 fallback.
  app.get<{ Params: { '*': string } }>('/files/*', async (req, reply) => {
    const m = STORED_NAME.exec(req.params['*']);
    if (!m) throw new AppError('NOT_FOUND', '文件不存在');
    const file = path.join(dir, m[0]);
    const stat = await fs.promises.stat(file).catch(() => undefined);
    if (!stat?.isFile()) throw new AppError('NOT_FOUND', '文件不存在');
    const etag = `"${m[1]}"`;
    reply
      .header('content-type', IMAGE_KINDS.find((k) => k.ext === m[2])!.type)
      .header('x-content-type-options', 'nosniff')
      // A photo is never a page: even if a browser were talked into rendering it, it runs nothing.
      .header('content-security-policy', "default-src 'none'; sandbox; frame-ancestors 'none'")
      // The name is the content: it never changes. Private: photos of people's homes stay out of shared caches.
      .header('cache-control', 'private, max-age=31536000, immutable')
      .header('etag', etag);
    if (req.headers['if-none-match'] === etag) return reply.status(304).send();
    reply.header('content-length', stat.size);
    return reply.send(fs.createReadStream(file));
  });
}
