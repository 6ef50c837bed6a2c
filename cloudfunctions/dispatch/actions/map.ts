import { MapStates, MappedWishStates, isStalled, mapPointOf, settingsOf, MAP_SOURCE_FIELDS, type MapCounts, type MapPoint, type MapSource, type MapState } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { actorFor } from '../../_core/access/wishAccess';
import { staffScope } from '../../_core/access/staffScope';
import { loadCommunity } from '../../_core/store/loadCommunity';

/** Wishes read for one map: enough for a town's busiest week; past it the reply says `truncated`. */
const READ_LIMIT = 2000;
/** Dots drawn: more would be a smear on a phone, and the counts still tell the whole. */
const POINT_LIMIT = 500;

const zero = (): MapCounts => ({ open: 0, claimed: 0, stalled: 0 });

/**
 * 网格地图: the grids of the caller's scope with their outlines, and the wishes in play there as dots by kind
 * (待认领, 已认领, 超时未认领 by the escalation rules), counted per grid, for seeing gaps and hot spots.
 */
export default defineAction({
  input: ActionSchemas.dispatch.map,
  roles: ['secretary', 'grid_worker', 'town_admin'],
  async run({ input, caller, rt }) {
    const scope = await staffScope(rt, caller, input.communityId);
    const now = rt.now();
    const wanted = new Set<MapState>(input.states ?? MapStates);
    const communities = await Promise.all(scope.communityIds.map((id) => loadCommunity(rt, id)));
    const settings = new Map(communities.map((c) => [c._id, settingsOf(c.settings)]));
    const allGrids = (await Promise.all(scope.communityIds.map((id) => rt.repos.org.grids(id)))).flat();
    const grids = scope.gridIds ? allGrids.filter((g) => scope.gridIds!.includes(g._id)) : allGrids;
    const docs = scope.gridIds?.length === 0 ? [] : await rt.repos.wishes.inPlay<Omit<MapSource, 'id'>>(
      { communityIds: scope.communityIds, gridIds: scope.gridIds, category: input.category, states: MappedWishStates },
      MAP_SOURCE_FIELDS,
      READ_LIMIT,
    );
    const perGrid = new Map(grids.map((g) => [g._id, zero()]));
    const counts = zero();
    const ungridded = zero();
    const points: MapPoint[] = [];
    for (const { _id, ...doc } of docs) {
      const wish: MapSource = { ...doc, id: _id };
      const point = mapPointOf(wish, isStalled(wish, settings.get(wish.communityId)!, now), actorFor(caller, wish));
      if (!point || !wanted.has(point.state)) continue;
      counts[point.state] += 1;
      // Counted by the stored grid: a town admin gets the totals per grid, not which dot lies in which.
      const bucket = (wish.gridId !== undefined && perGrid.get(wish.gridId)) || ungridded;
      bucket[point.state] += 1;
      if (points.length < POINT_LIMIT) points.push(point);
    }
    return {
      grids: grids.map((g) => ({ id: g._id, communityId: g.communityId, name: g.name, ...(g.boundary ? { boundary: g.boundary } : {}), counts: perGrid.get(g._id)! })),
      points,
      communities: communities.map((c) => ({ id: c._id, name: c.name, ...(c.location ? { location: c.location } : {}) })),
      counts,
      ungridded,
      truncated: docs.length >= READ_LIMIT || points.length < counts.open + counts.claimed + counts.stalled,
      at: now,
      ...(rt.config.mapTiles ? { tiles: rt.config.mapTiles } : {}),
    };
  },
});
