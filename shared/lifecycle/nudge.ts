import type { WishState } from '../vocab/wishStates';

/*
 * 催一催 as a rule both sides read: the server's guard, and the wish page saying when the button
 * will come. Free of zod (the wish page loads it), so times are read with Date directly.
 */

/** How long a wish must wait, since it last moved or was nudged, before its resident may 催一催 (again). */
export const NUDGE_INTERVAL_MS = 24 * 3_600_000;

/** The states a resident waits in: for review, for a helper, for the helper to come. */
export const NUDGE_STATES: ReadonlySet<WishState> = new Set(['pending_review', 'open', 'assigned', 'claimed', 'in_progress']);

type When = string | Date;

export interface NudgeFacts {
  status: WishState;
  createdAt: When;
  submittedAt?: When;
  openedAt?: When;
  claimedAt?: When;
  nudgedAt?: When;
  claims: readonly { startedAt?: When }[];
}

/**
 * When the resident may 催一催: a day after the wish last moved (posted or resubmitted, opened,
 * claimed, started) or was last nudged. Null when there is nothing to wait for.
 */
export function nudgeDueAt(wish: NudgeFacts): Date | null {
  if (!NUDGE_STATES.has(wish.status)) return null;
  const moved = [wish.createdAt, wish.submittedAt, wish.openedAt, wish.claimedAt, wish.nudgedAt, ...wish.claims.map((c) => c.startedAt)]
    .filter((t): t is When => t !== undefined)
    .map((t) => new Date(t).getTime());
  return new Date(Math.max(...moved) + NUDGE_INTERVAL_MS);
}
