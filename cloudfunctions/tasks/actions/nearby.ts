import { COARSENING_SLACK_M, NEARBY_SOURCE_FIELDS, nearbyItemOf, type GeoPoint, type NearbySource } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { requireCommunity } from '../../_core/access/caller';
import { nearestWishesByCell } from '../../_core/wishes/byCell';

const CANDIDATES_EXTRA = 20;

/** Open wishes of my community near me, nearest first; contact details masked until I claim. */
export default defineAction({
  input: ActionSchemas.tasks.nearby,
  roles: ['volunteer', 'party_member', 'unit_admin'],
  async run({ input, caller, rt }) {
    const communityId = requireCommunity(caller);
    const from: GeoPoint = { type: 'Point', coordinates: [input.lng, input.lat] };
    // Radius, order and the cut to `limit` are the coarsened points' (shared/privacy `firstByCell`): the store is asked a little wider.
    const nearest = (priority?: 'urgent') =>
      nearestWishesByCell(
        (limit) => rt.repos.wishes.nearby<Omit<NearbySource, 'id'>>(
          from,
          { communityId, radiusM: input.radiusM + COARSENING_SLACK_M, limit, category: input.category, priority, notOwnedOrClaimedBy: caller.id },
          NEARBY_SOURCE_FIELDS,
        ),
        { from, radiusM: input.radiusM, limit: input.limit, extra: CANDIDATES_EXTRA },
      );
    // Urgent wishes lead every helper's list whatever their distance within the radius: someone is hurt or stuck now.
    const [urgent, all] = await Promise.all([nearest('urgent'), nearest()]);
    const shown = [...new Map([...urgent, ...all].map((w) => [w._id, w])).values()].slice(0, input.limit);
    return { items: shown.map((w) => nearbyItemOf({ ...w, id: w._id }, from)) };
  },
});
