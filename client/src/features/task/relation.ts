import type { WishView } from '../../services/types';

/** How the viewer stands to a wish: decides which buttons a helper sees. */
export interface Relation {
  /** I hold a live claim (mine or handed to me). */
  holding: boolean;
  leaseUntil?: string;
  /** Staff dispatched it to me or my unit and I haven't answered. */
  assignedToMe: boolean;
  /** Free places remain for another helper. */
  claimable: boolean;
}

export function relationOf(wish: WishView, me: { userId: string; unitId?: string }): Relation {
  const claims = wish.claims ?? [];
  const mine = claims.find((c) => c.claimerId === me.userId || c.assigneeId === me.userId || (me.unitId !== undefined && c.unitId === me.unitId));
  const target = wish.assignment?.target;
  const assignedToMe =
    wish.status === 'assigned' && !!target && ((target.kind === 'user' && target.id === me.userId) || (target.kind === 'unit' && target.id === me.unitId));
  const taken = claims.length;
  const claimable = wish.status === 'open' || (wish.status === 'claimed' && !mine && taken < wish.helpersNeeded);
  return { holding: !!mine, leaseUntil: mine?.leaseUntil, assignedToMe, claimable: claimable && !mine };
}
