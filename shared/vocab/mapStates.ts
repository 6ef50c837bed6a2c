import type { WishState } from './wishStates';

/**
 * How the grid map (网格地图) groups the wishes still in play: waiting for a helper, held by one, or
 * waiting past the community's limit (escalated, or due to be: lifecycle `isStalled`).
 */
export const MapStates = ['open', 'claimed', 'stalled'] as const;
export type MapState = (typeof MapStates)[number];

export const MapStateLabels: Record<MapState, string> = {
  open: '待认领',
  claimed: '已认领',
  stalled: '超时未认领',
};

/** The wish states the map shows: waiting for a helper (in the pool or dispatched) and held by one. */
export const MappedWishStates = ['open', 'assigned', 'claimed', 'in_progress'] as const satisfies readonly WishState[];

/** Where a shown wish falls on the map; null for a state the map leaves out. */
export function mapStateOf(status: WishState, stalled: boolean): MapState | null {
  if (status === 'open' || status === 'assigned') return stalled ? 'stalled' : 'open';
  if (status === 'claimed' || status === 'in_progress') return 'claimed';
  return null;
}
