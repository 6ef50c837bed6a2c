import { communityCodeOf, formatWishNumber, wishNumberYear } from '@shared';
import type { Db } from 'mongodb';
import { repositoriesOf } from './repositories';

/** Set once every wish stored before 心愿编号 has one. */
export const WISH_NUMBERS_MARK = 'wish-numbers-v1';
const BATCH = 500;

/**
 * At start: wishes stored before numbers get theirs, in the order they were created (created time, then id), each
 * community and year from its counter as a new post would be — so a wish posted while this runs (another process
 * of a rolling start) takes the next number after those already given, never one of them. Each group is numbered
 * in one transaction with the counter, and a wish that already has a number keeps it: safe to interrupt, to run
 * again and to run from several processes at once. Marked done in `meta`; a later start costs one read.
 */
export async function numberOldWishes(db: Db): Promise<number> {
  const repos = repositoriesOf(db);
  if (await repos.meta.find(WISH_NUMBERS_MARK)) return 0;
  const codes = await repos.communities.codes();
  let numbered = 0;
  for (;;) {
    const page = await repos.wishes.unnumbered(BATCH);
    if (page.length === 0) break;
    // Consecutive runs of one community and year, in creation order.
    const groups = new Map<string, { communityId: string; year: number; ids: string[] }>();
    for (const w of page) {
      const year = wishNumberYear(w.createdAt);
      const key = `${w.communityId}:${year}`;
      const g = groups.get(key) ?? { communityId: w.communityId, year, ids: [] };
      g.ids.push(w._id);
      groups.set(key, g);
    }
    for (const g of groups.values()) {
      const code = communityCodeOf({ _id: g.communityId, code: codes.get(g.communityId) });
      numbered += await repos.inTransaction(async (tx) => {
        // Read again in the transaction: another process may have numbered some since the page was read.
        const still = await tx.wishes.unnumberedAmong(g.ids);
        if (still.length === 0) return 0;
        const last = await tx.wishNumbers.take(g.communityId, g.year, still.length);
        const first = last - still.length + 1;
        for (const [i, id] of still.entries()) await tx.wishes.setNumber(id, formatWishNumber(code, g.year, first + i));
        return still.length;
      });
    }
  }
  await repos.meta.advance(WISH_NUMBERS_MARK, new Date(), 'done');
  return numbered;
}
