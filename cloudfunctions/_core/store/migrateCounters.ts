import type { Db } from 'mongodb';
import { repositoriesOf, type Repositories } from './repositories';
import { rebuildCounters } from '../stats/rebuild';

/**
 * Set once the counters were built from the history and the old service records stamped. v2: services are also
 * counted by branch and unit together (stats.branches reads them) and each day's counters hour by hour, so a
 * database counted under v1 is rebuilt once.
 */
export const COUNTERS_MARK = 'stat-counters-v2';
const BATCH = 500;

/**
 * Service records written before services counted at confirmation have no `confirmedAt` (nor the `gridId` they are
 * counted by): each is stamped from its wish. Records of a wish not confirmed stay unstamped until it is. Safe to
 * run again: a stamp already there is kept.
 */
export async function stampServices(repos: Repositories): Promise<number> {
  let stamped = 0;
  let after: string | null = null;
  for (;;) {
    const page = await repos.services.unstamped(after, BATCH);
    if (page.length === 0) return stamped;
    // A 集体活动's records have no wish: they are stamped when made (check-out), and have no grid.
    const wishes = await repos.wishes.confirmationsOf([...new Set(page.flatMap((s) => (s.wishId ? [s.wishId] : [])))]);
    for (const s of page) {
      const w = s.wishId ? wishes.get(s.wishId) : undefined;
      if (!w || (!(w.confirmedAt && !s.confirmedAt) && !(w.gridId && !s.gridId))) continue;
      await repos.services.stamp(s._id, w);
      stamped++;
    }
    after = page[page.length - 1]._id;
  }
}

/**
 * At start: a database from before the counters (the demo in .data/db, a deployed MongoDB) gets its old service
 * records stamped and its counters built from the history, once; afterwards this costs one read. Every write keeps
 * the counters from then on (stats/counters), and `npm run stats -- rebuild-counters` checks them at any time.
 */
export async function prepareCounters(db: Db): Promise<void> {
  const repos = repositoriesOf(db);
  if (await repos.meta.find(COUNTERS_MARK)) return;
  await stampServices(repos);
  await rebuildCounters(repos, { fix: true });
  await repos.meta.advance(COUNTERS_MARK, new Date(), 'done');
}
