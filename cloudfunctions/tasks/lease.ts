import { AppError } from '@shared';
import type { Caller } from '../_core/access/caller';
import type { WishDoc } from '../_core/store/types';

/** When the lease the caller answers for ends: their own claim, or their unit's. */
export function leaseOf(wish: WishDoc, caller: Caller): Date {
  const unitId = caller.membership?.unitId;
  const claim = wish.claims.find((c) => c.claimerId === caller.id || (unitId !== undefined && c.kind === 'unit' && c.unitId === unitId));
  if (!claim) throw new AppError('INTERNAL', 'the step left the caller without a claim');
  return claim.leaseUntil;
}
