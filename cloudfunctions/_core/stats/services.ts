import type { Runtime } from '../runtime/types';
import type { ClaimDoc, ServiceDoc, UserDoc, WishDoc } from '../store/types';

/**
 * One service record per helper per wish (keyed, so a retry writes nothing new): the unit
 * of "1,800 services delivered", volunteer hours and the leaderboards. `finished` are the
 * claims this step finished (each helper of a 帮帮团 wish finishes their own part), with the
 * hours their helper reported. `completer` is the caller, already loaded: a one-helper wish
 * then costs a single write.
 */
export async function recordServices(rt: Runtime, wish: WishDoc, finished: readonly ClaimDoc[], reportedHours?: number, completer?: UserDoc): Promise<void> {
  if (finished.length === 0) return;
  const at = rt.now();
  const known = new Map<string, Pick<UserDoc, 'memberships'>>(completer ? [[completer._id, completer]] : []);
  const unknown = [...new Set(finished.map((c) => c.assigneeId))].filter((id) => !known.has(id));
  if (unknown.length) {
    for (const u of await rt.repos.users.membershipsOf(unknown)) known.set(u._id, u);
  }
  await rt.repos.services.recordAll(
    finished.map((claim): Omit<ServiceDoc, '_id'> => {
      const m = known.get(claim.assigneeId)?.memberships.find((x) => x.communityId === wish.communityId);
      const hours = reportedHours ?? estimateHours(claim.startedAt ?? claim.claimedAt, claim.completedAt ?? at);
      return {
        communityId: wish.communityId, wishId: wish._id, userId: claim.assigneeId,
        ...(claim.unitId ?? m?.unitId ? { unitId: claim.unitId ?? m?.unitId } : {}),
        ...(m?.partyBranchId ? { partyBranchId: m.partyBranchId } : {}),
        ...(wish.gridId ? { gridId: wish.gridId } : {}),
        category: wish.category, hours, at,
      };
    }),
  );
}

/** Unreported hours: time from start to finish in half hours, between 0.5 and 4. */
function estimateHours(from: Date, to: Date): number {
  const h = (to.getTime() - from.getTime()) / 3_600_000;
  return Math.min(4, Math.max(0.5, Math.round(h * 2) / 2));
}
