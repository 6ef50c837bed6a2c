import type { Runtime } from '../cloudfunctions/_core/runtime/types';
import { urlOfPhoto } from './uploads';

/**
 * How long an unattached photo is kept: a volunteer may pick photos, lose signal and send the
 * report hours later (the client keeps the draft, and a re-upload renews the photo's age).
 */
const UNUSED_PHOTO_GRACE_MS = 24 * 3600_000;
/** An upload cut off between its chunks and its file has long failed by then. */
const ABANDONED_CHUNK_AGE_MS = 3600_000;
/** Names per reference lookup: one `$in` read per batch keeps a large backlog off the hot path. */
const BATCH = 500;

export interface SweepResult { removed: number; kept: number }

/**
 * Deletes uploaded photos and voice notes that no wish or 微故事 refers to once they are past the grace period, and
 * the chunks of uploads a crash cut short. A helper's photos are on the wish's events (tasks.progress and
 * tasks.complete put them there; completion copies them); what the resident posted with is on the wish itself
 * (`photos`, `voice.url`, each indexed); a story keeps its before/after photos itself. `kept` counts the old files still in use.
 */
export async function sweepUnusedPhotos(rt: Runtime): Promise<SweepResult> {
  const now = rt.now().getTime();
  const cutoff = new Date(now - UNUSED_PHOTO_GRACE_MS);
  await rt.repos.photos.deleteAbandonedChunks(new Date(now - ABANDONED_CHUNK_AGE_MS));
  let removed = 0;
  let kept = 0;
  for (let after = ''; ; ) {
    const batch = await rt.repos.photos.uploadedBefore(cutoff, BATCH, after);
    if (batch.length === 0) break;
    const urls = batch.map(urlOfPhoto);
    const used = new Set([...(await rt.repos.wishes.photosInUse(urls)), ...(await rt.repos.stories.photosInUse(urls))]);
    for (const name of batch) {
      if (used.has(urlOfPhoto(name))) kept++;
      else if (await rt.repos.photos.deleteIfNotRenewed(name, cutoff)) removed++;
    }
    after = batch[batch.length - 1];
  }
  return { removed, kept };
}
