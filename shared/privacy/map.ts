import type { MapPoint } from '../actions/outputs';
import { mapStateOf } from '../vocab/mapStates';
import type { Wish } from '../schemas/wish';
import { canRead, viewerRelations, WishRules, type Viewer } from './audience';
import { coarsenCoordinate } from './mask';
import { ReplyPolicies } from './policy';

const FIELDS = ReplyPolicies.mapPoint.fields;

/** What the map reads of a wish from storage: the dot, and the facts the rules need. */
export const MAP_SOURCE_FIELDS = [
  'communityId', 'townId', 'gridId', 'ownerId', 'createdBy', 'claims', 'assignment', 'status', 'category', 'title', 'priority',
  'location', 'escalation', 'openedAt', 'createdAt', 'number',
] as const;
export type MapSource = Pick<Wish, 'id' | (typeof MAP_SOURCE_FIELDS)[number]>;

/**
 * One dot of the grid map (dispatch.map), or null for a viewer who may not read the wish or a state the
 * map leaves out. The position and grid are the wish's exact ones for those entitled to its contact (its
 * staff); the town sees the position as everyone else does (to ~100 m) and no grid, as in `viewOf`.
 */
export function mapPointOf(wish: MapSource, stalled: boolean, viewer: Viewer): MapPoint | null {
  const state = mapStateOf(wish.status, stalled);
  if (!state || !canRead(wish, viewer)) return null;
  const rel = viewerRelations(viewer, wish);
  const exact = WishRules[FIELDS.location.rule](rel, wish);
  const [lng, lat] = wish.location.coordinates;
  const point: MapPoint = {
    id: wish.id,
    communityId: wish.communityId,
    title: wish.title,
    category: wish.category,
    status: wish.status,
    state,
    priority: wish.priority,
    location: exact ? wish.location : { type: 'Point', coordinates: [coarsenCoordinate(lng), coarsenCoordinate(lat)] },
    exact,
    since: wish.openedAt ?? wish.createdAt,
  };
  if (wish.gridId !== undefined && WishRules[FIELDS.gridId.rule](rel, wish)) point.gridId = wish.gridId;
  if (wish.escalation) point.escalation = wish.escalation.level;
  if (wish.number) point.number = wish.number;
  return point;
}
