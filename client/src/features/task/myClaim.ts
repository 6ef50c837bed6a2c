import type { WishState } from '@shared/vocab/wishStates';
import type { ClaimView } from '../../services/wishes';

/** Who is looking: the signed-in person, their unit, and whether they act for it. */
export interface Viewer {
  userId: string;
  unitId?: string;
  /** Acting as the unit's admin: the unit's claim is theirs to extend or release. */
  forUnit?: boolean;
}

/**
 * The viewer's own place on a wish, for its lease countdown: a claim they made, one handed to
 * them, or (acting for their unit) the unit's. Which buttons they get is not decided here:
 * that is `detail.actions`, from the server's transition table.
 */
export function myClaimOf(claims: readonly ClaimView[], me: Viewer): ClaimView | undefined {
  return claims.find(
    (c) => c.claimerId === me.userId || c.assigneeId === me.userId || (me.forUnit === true && c.kind === 'unit' && c.unitId !== undefined && c.unitId === me.unitId),
  );
}

/**
 * The state the viewer's tag shows: on a wish for several helpers still open to others (待认领),
 * their own place has its own state (claimed, at work, finished).
 */
export function myPlaceState(status: WishState | undefined, mine: ClaimView | undefined): WishState | undefined {
  if (!mine || status !== 'open') return status;
  return mine.completedAt ? 'done' : mine.startedAt ? 'in_progress' : 'claimed';
}
