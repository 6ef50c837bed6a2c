import fs from 'node:fs';
import path from 'node:path';
import type { Runtime } from '../cloudfunctions/_core/runtime/types';
import { STORED_NAME, urlOfPhoto } from './uploads';

/**
 * How long an unattached photo is kept: a volunteer may pick photos, lose signal and send the
 * report hours later (the client keeps the draft, and a re-upload renews the file's age).
 */
const UNUSED_PHOTO_GRACE_MS = 24 * 3600_000;
/** Names per reference lookup: one `$in` read per batch keeps a large backlog off the hot path. */
const BATCH = 500;

export interface SweepResult { removed: number; kept: number }

/**
 * Deletes uploaded photos that no wish refers to once they are past the grace period, and
 * partial files a crash left behind. Every photo a wish keeps is on one of its events
 * (tasks.progress and tasks.complete put it there; completion and progress copy it), so the
 * indexed `events.photos` is the one place to look.
 */
export async function sweepUnusedPhotos(rt: Runtime, dir: string): Promise<SweepResult> {
  const cutoff = rt.now().getTime() - UNUSED_PHOTO_GRACE_MS;
  const names = await fs.promises.readdir(dir).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? [] : Promise.reject(err)));
  const old: string[] = [];
  for (const name of names) {
    const stored = STORED_NAME.test(name);
    if (!stored && !name.endsWith('.partial')) continue;
    const stat = await fs.promises.stat(path.join(dir, name)).catch(() => undefined);
    if (!stat?.isFile() || stat.mtimeMs >= cutoff) continue;
    if (stored) old.push(name);
    else await fs.promises.rm(path.join(dir, name), { force: true });
  }
  let removed = 0;
  for (let i = 0; i < old.length; i += BATCH) {
    const batch = old.slice(i, i + BATCH);
    const used = await rt.repos.wishes.photosInUse(batch.map(urlOfPhoto));
    for (const name of batch) {
      if (used.has(urlOfPhoto(name))) continue;
      await fs.promises.rm(path.join(dir, name), { force: true });
      removed++;
    }
  }
  return { removed, kept: names.filter((n) => STORED_NAME.test(n)).length - removed };
}
