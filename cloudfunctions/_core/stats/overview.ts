import { ALL_KEY, countOf, roundCount, type StatDim, type Tally, type WishState } from '@shared';
import type { StatsOverview } from '@shared/actions';
import type { Runtime } from '../runtime/types';
import type { Range } from '../store/range';
import { tallyOf } from './counters';

/** The splits the overview reads: the whole, wishes by where they stand, and the helpers who served. */
export const OVERVIEW_DIMS: readonly StatDim[] = ['all', 'status', 'helper'];

/**
 * The headline numbers of these communities over a window, each counted when it happened (shared/stats): a wish
 * posted last month and completed in this window is this window's completion; services and hours when the
 * resident confirmed. stats.overview replies with it; the monthly report opens with it.
 */
export async function overviewOf(rt: Runtime, communityIds: string[], range: Range): Promise<StatsOverview> {
  return overviewFrom(communityIds, await tallyOf(rt.repos, communityIds, range, OVERVIEW_DIMS));
}

export function overviewFrom(communityIds: string[], t: Tally): StatsOverview {
  const all = (field: Parameters<typeof countOf>[3]) => roundCount(countOf(t, 'all', ALL_KEY, field));
  const byStatus: Partial<Record<WishState, number>> = {};
  for (const [state, row] of Object.entries(t.status ?? {})) if (row.collected) byStatus[state as WishState] = row.collected;
  const rated = all('rated');
  return {
    communityIds,
    collected: all('collected'),
    approved: all('approved'),
    claimed: all('claimed'),
    completed: all('completed'),
    confirmed: all('confirmed'),
    pendingReview: byStatus.pending_review ?? 0,
    open: (byStatus.open ?? 0) + (byStatus.assigned ?? 0),
    inProgress: (byStatus.claimed ?? 0) + (byStatus.in_progress ?? 0),
    cancelled: byStatus.cancelled ?? 0,
    byStatus,
    serviceCount: all('services'),
    serviceHours: Math.round(all('hours') * 10) / 10,
    helpers: Object.values(t.helper ?? {}).filter((row) => roundCount(row.services ?? 0) > 0).length,
    avgRating: rated ? Math.round((all('ratingSum') / rated) * 10) / 10 : null,
    ratedCount: rated,
  };
}
