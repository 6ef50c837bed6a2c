import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { statsScope } from '../../_core/stats/scope';

/** The headline numbers ("1,500 wishes collected, 1,800 services delivered") of a community or town. */
export default defineAction({
  input: ActionSchemas.stats.overview,
  async run({ input, caller, rt }) {
    const scope = await statsScope(rt, caller, input.communityId);
    const rows = await rt.repos.wishes.statusTotals(scope.communityIds, input);
    const byStatus: Record<string, number> = {};
    const t = { collected: 0, ratingSum: 0, rated: 0 };
    for (const r of rows) {
      byStatus[r._id] = r.n;
      t.collected += r.n;
      t.ratingSum += r.ratingSum;
      t.rated += r.rated;
    }
    // Each step counts when it happened: a wish posted last month and completed in this window is this window's completion.
    const ev = await rt.repos.wishes.eventTotals(scope.communityIds, input);
    const svc = await rt.repos.services.totals(scope.communityIds, input);
    return {
      communityIds: scope.communityIds,
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
  },
});
