import { firstByCell, type GeoPoint } from '@shared';

/** Enough for any community's live wishes around one point: the second, uncut read. */
const EVERY = 5000;

/**
 * The first `limit` wishes by cell around `from` (shared/privacy `firstByCell`): the store is
 * asked for `limit + extra` by exact distance, and, only when those don't settle the answer, for
 * all of them. So what is shown never depends on where in its cell a wish lies.
 */
export async function nearestWishesByCell<T extends { location: GeoPoint; _id: string }>(
  ask: (limit: number) => Promise<T[]>,
  q: { from: GeoPoint; radiusM: number; limit: number; extra: number; keep?: (row: T) => boolean },
): Promise<T[]> {
  const first = q.limit + q.extra;
  const near = firstByCell(await ask(first), q.from, q.radiusM, q.limit, first, q.keep);
  if (near.settled) return near.rows;
  return firstByCell(await ask(EVERY), q.from, q.radiusM, q.limit, EVERY, q.keep).rows;
}
