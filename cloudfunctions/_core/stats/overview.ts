import type { StatsOverview } from '@shared/actions';
import type { Runtime } from '../runtime/types';
import type { Range } from '../store/range';

/**
 * The headline numbers of these communities over a window: each step counted when it happened (a wish
 * posted last month and completed in this window is this window's completion), services and hours when
 * the resident confirmed. stats.overview replies with it; the monthly report opens with it.
 */
export async function overviewOf(rt: Runtime, communityIds: string[], range: Range): Promise<StatsOverview> {
  const rows = await rt.repos.wishes.statusTotals(communityIds, range);
  const byStatus: Record<string, number> = {};
  const t = { collected: 0, ratingSum: 0, rated: 0 };
  for (const r of rows) {
    byStatus[r._id] = r.n;
    t.collected += r.n;
    t.ratingSum += r.ratingSum;
    t.rated += r.rated;
  }
  const ev = await rt.repos.wishes.eventTotals(communityIds, range);
  const svc = await rt.repos.services.totals(communityIds, range);
  return {
    communityIds,
    collected: t.collected,
    approved: ev.approved,
    claimed: ev.claimed,
    completed: ev.completed,
    confirmed: ev.confirmed,
    pendingReview: byStatus.pending_review ?? 0,
    open: (byStatus.open ?? 0) + (byStatus.assigned ?? 0),
    inProgress: (byStatus.claimed ?? 0) + (byStatus.in_progress ?? 0),
    cancelled: byStatus.cancelled ?? 0,
    byStatus,
    serviceCount: svc?.n ?? 0,
    serviceHours: svc?.hours ?? 0,
    helpers: svc?.helpers.length ?? 0,
    avgRating: t.rated ? Math.round((t.ratingSum / t.rated) * 10) / 10 : null,
    ratedCount: t.rated,
  };
}
