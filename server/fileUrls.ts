import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '@shared';
import { SIGNED_FILE_QUERY, storedRef } from '@shared/vocab/photoRefs';
import type { MediaUrls } from '../cloudfunctions/_core/runtime/types';

/**
 * Signed, expiring URLs for uploads (`/files/<name>?u=<viewer>&exp=<unix>&sig=<hmac>`). An `<image>` or `<audio>` tag
 * can't send our Authorization header, so a reply that shows a viewer a photo or a voice note (the privacy policy
 * already decided they may see it) gives them a URL that works for a while and then dies: one copied to a chat, left
 * in a log, or kept by a helper after the work is done stops working within the hour.
 */

/** Long enough for a person reading a screen; short enough that a leaked link dies. */
export const FILE_URL_TTL_SECONDS = 60 * 60;
/**
 * Expiry is rounded up to this step: a screen polled every few seconds gets the same URL for a quarter of an hour, so
 * the browser's cache and the image it already shows are kept (a URL lives between TTL and TTL + step).
 */
export const FILE_URL_STEP_SECONDS = 15 * 60;
/** The viewer of a reply nobody signed in for (a published story on the wall). */
export const PUBLIC_VIEWER = '-';

const VIEWER = /^[A-Za-z0-9_-]{1,64}$/;

function mac(secret: string, name: string, viewer: string, exp: number): string {
  return createHmac('sha256', secret).update(`${name}|${viewer}|${exp}`).digest('hex');
}

export type FileRefusal = 'missing' | 'invalid' | 'expired';

/** Why `/files/<name>` refuses a request: the same answer whether or not such a file exists. */
export function refusalError(reason: FileRefusal): AppError {
  const message = reason === 'expired' ? '链接已过期，请刷新页面后再看' : '链接无效，请从心愿页面打开';
  return new AppError('FORBIDDEN', message, { reason });
}

export interface FileUrlSigner extends MediaUrls {
  /** Null when this query is a valid, unexpired signature of `name`; else why not. */
  check(name: string, query: Record<string, unknown>, now: Date): FileRefusal | null;
}

export function fileUrlSigner(secret: string): FileUrlSigner {
  return {
    sign(ref, viewer, now) {
      const stored = storedRef(ref);
      if (!stored.startsWith('/files/')) return ref;
      const name = stored.slice('/files/'.length);
      const u = VIEWER.test(viewer) ? viewer : PUBLIC_VIEWER;
      const exp = Math.ceil((Math.floor(now.getTime() / 1000) + FILE_URL_TTL_SECONDS) / FILE_URL_STEP_SECONDS) * FILE_URL_STEP_SECONDS;
      const url = `${stored}?u=${u}&exp=${exp}&sig=${mac(secret, name, u, exp)}`;
      // The shape the client and the schemas know (shared/vocab/photoRefs): checked here so the two never drift.
      if (!SIGNED_FILE_QUERY.test(url)) throw new Error('signed file URL out of shape');
      return url;
    },
    check(name, query, now) {
      const { u, exp, sig } = query;
      if (u === undefined && exp === undefined && sig === undefined) return 'missing';
      if (typeof u !== 'string' || typeof exp !== 'string' || typeof sig !== 'string') return 'invalid';
      if (!VIEWER.test(u) || !/^[1-9]\d{0,11}$/.test(exp) || !/^[0-9a-f]{64}$/.test(sig)) return 'invalid';
      const expected = Buffer.from(mac(secret, name, u, Number(exp)), 'hex');
      // Constant time: how much of a guessed signature matched is not told by how long the refusal took.
      if (!timingSafeEqual(expected, Buffer.from(sig, 'hex'))) return 'invalid';
      if (Number(exp) <= Math.floor(now.getTime() / 1000)) return 'expired';
      return null;
    },
  };
}
