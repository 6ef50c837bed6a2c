import type { WishAction } from '@shared';
import type { ClaimDoc, EventActorDoc, Runtime, WishDoc } from './types';
import { transit } from './wishStore';

/**
 * A claim leaves (released or expired): its places are free again and, if it was the
 * last claim, the wish is open again with a fresh escalation clock. The filter pins the
 * number of claims seen, so a claim arriving meanwhile makes this write miss, not lie.
 */
export function dropClaim(rt: Runtime, wish: WishDoc, claim: ClaimDoc, action: WishAction, actor: EventActorDoc, note?: string, onlyIfExpiredAt?: Date) {
  const last = wish.claims.length === 1;
  const now = rt.now();
  return transit(rt, {
    wish, from: ['claimed'], to: last ? 'open' : 'claimed', action, actor, now, note,
    meta: { claimerId: claim.claimerId, slots: String(claim.slots) },
    filter: {
      $and: [
        { claims: { $size: wish.claims.length } },
        { claims: { $elemMatch: { claimerId: claim.claimerId, ...(onlyIfExpiredAt ? { leaseUntil: { $lte: onlyIfExpiredAt } } : {}) } } },
      ],
    } as never,
    update: {
      $pull: { claims: { claimerId: claim.claimerId } },
      $inc: { slotsFree: claim.slots },
      ...(last ? { $set: { openedAt: now }, $unset: { escalation: '' } } : {}),
    },
  });
}
