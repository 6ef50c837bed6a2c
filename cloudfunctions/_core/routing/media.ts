import type { MediaUrls } from '../runtime/types';

/**
 * Where a reply carries photos and voice notes: a wish's `photos` and `voice.url`, a step's and a report's `photos`,
 * a story's `beforePhotos` and `afterPhotos` (shared/schemas: wish, event, stories). Only these are signed: a `/files/…`
 * a person typed into free text is never turned into a working link.
 */
const PHOTO_LISTS = new Set(['photos', 'beforePhotos', 'afterPhotos']);
const VOICE = 'voice';

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);

/**
 * The reply as this viewer is handed it: every photo and voice note the privacy builders left in (shared/privacy: they
 * already decided this viewer may see them) becomes a URL for this viewer that expires. The one place replies get
 * their media URLs, so no reply type can hand out a bare, forever-working `/files/…`. Copy on write: what the action
 * returned (possibly a cached object) is never changed.
 */
export function withMediaUrls<T>(reply: T, media: MediaUrls | undefined, viewer: string, now: Date): T {
  if (!media) return reply;
  const sign = (ref: unknown) => (typeof ref === 'string' ? media.sign(ref, viewer, now) : ref);
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) {
      let out: unknown[] | undefined;
      value.forEach((item, i) => {
        const next = walk(item);
        if (next !== item) (out ??= [...value])[i] = next;
      });
      return out ?? value;
    }
    if (!isPlain(value)) return value;
    let out: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(value)) {
      let next: unknown;
      if (PHOTO_LISTS.has(key) && Array.isArray(item)) next = item.map(sign);
      else if (key === VOICE && isPlain(item) && typeof item.url === 'string') next = { ...item, url: sign(item.url) };
      else next = walk(item);
      if (next !== item) (out ??= { ...value })[key] = next;
    }
    return out ?? value;
  };
  return walk(reply) as T;
}
