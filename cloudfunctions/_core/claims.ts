import { AppError } from '@shared';
import type { Caller } from './caller';
import type { ClaimDoc, WishDoc } from './types';

/** The claim this caller works under: as claimer or as the member it was handed to. */
export function claimOf(wish: WishDoc, caller: Caller): ClaimDoc {
  const claim = wish.claims.find((c) => c.assigneeId === caller.id) ?? wish.claims.find((c) => c.claimerId === caller.id);
  if (!claim) throw new AppError('FORBIDDEN', '您没有认领这个心愿');
  return claim;
}

/** A filter that still finds this claim at write time (the positional `$` then points at it). */
export function claimFilter(claim: ClaimDoc) {
  return { claims: { $elemMatch: { claimerId: claim.claimerId, assigneeId: claim.assigneeId } } };
}
