import { collections } from './collections';
import type { Runtime, WishDoc } from './types';

/**
 * One service record per helper per wish (keyed, so a retry writes nothing new): the unit
 * of "1,800 services delivered", volunteer hours and the leaderboards.
 */
export async function recordServices(rt: Runtime, wish: WishDoc, reportedHours?: number): Promise<void> {
  const { services, users } = collections(rt.db);
  const at = wish.doneAt ?? rt.now();
  for (const claim of wish.claims) {
    const helper = await users.findOne({ _id: claim.assigneeId }, { projection: { memberships: 1 } });
    const m = helper?.memberships.find((x) => x.communityId === wish.communityId);
    const hours = reportedHours ?? estimateHours(claim.startedAt ?? claim.claimedAt, at);
    await services.updateOne(
      { _id: `${wish._id}:${claim.assigneeId}` },
      {
        $setOnInsert: {
          communityId: wish.communityId, wishId: wish._id, userId: claim.assigneeId,
          ...(claim.unitId ?? m?.unitId ? { unitId: claim.unitId ?? m?.unitId } : {}),
          ...(m?.partyBranchId ? { partyBranchId: m.partyBranchId } : {}),
          category: wish.category, hours, at,
        },
      },
      { upsert: true },
    );
  }
}

/** Unreported hours: time from start to finish in half hours, between 0.5 and 4. */
function estimateHours(from: Date, to: Date): number {
  const h = (to.getTime() - from.getTime()) / 3_600_000;
  return Math.min(4, Math.max(0.5, Math.round(h * 2) / 2));
}
