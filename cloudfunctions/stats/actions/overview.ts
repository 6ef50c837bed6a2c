import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { collections } from '../../_core/store/collections';
import { has, rangeMatch, statsScope } from '../../_core/statsScope';

/** The headline numbers ("1,500 wishes collected, 1,800 services delivered") of a community or town. */
export default defineAction({
  input: ActionSchemas.stats.overview,
  async run({ input, caller, rt }) {
    const scope = await statsScope(rt, caller, input.communityId);
    const { wishes, services } = collections(rt.db);
    const match = { communityId: { $in: scope.communityIds }, ...rangeMatch('createdAt', input) };
    const rows = await wishes
      .aggregate<{ _id: string; n: number; approved: number; claimed: number; completed: number; ratingSum: number; rated: number }>([
        { $match: match },
        {
          $group: {
            _id: '$status',
            n: { $sum: 1 },
            approved: { $sum: has('approvedAt') },
            claimed: { $sum: has('claimedAt') },
            completed: { $sum: has('doneAt') },
            ratingSum: { $sum: { $ifNull: ['$rating.stars', 0] } },
            rated: { $sum: has('rating') },
          },
        },
      ])
      .toArray();
    const byStatus: Record<string, number> = {};
    const t = { collected: 0, approved: 0, claimed: 0, completed: 0, ratingSum: 0, rated: 0 };
    for (const r of rows) {
      byStatus[r._id] = r.n;
      t.collected += r.n;
      t.approved += r.approved;
      t.claimed += r.claimed;
      t.completed += r.completed;
      t.ratingSum += r.ratingSum;
      t.rated += r.rated;
    }
    const [svc] = await services
      .aggregate<{ n: number; hours: number; helpers: string[] }>([
        { $match: { communityId: { $in: scope.communityIds }, ...rangeMatch('at', input) } },
        { $group: { _id: null, n: { $sum: 1 }, hours: { $sum: '$hours' }, helpers: { $addToSet: '$userId' } } },
      ])
      .toArray();
    return {
      communityIds: scope.communityIds,
      collected: t.collected,
      approved: t.approved,
      claimed: t.claimed,
      completed: t.completed,
      confirmed: byStatus.confirmed ?? 0,
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
