import { COARSENING_SLACK_M, NEARBY_SOURCE_FIELDS, nearbyItemOf, nearestByCell, type GeoPoint, type NearbySource } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { requireCommunity } from '../../_core/access/caller';

const CANDIDATES_EXTRA = 20;

/** Open wishes of my community near me, nearest first; contact details masked until I claim. */
export default defineAction({
  input: ActionSchemas.tasks.nearby,
  roles: ['volunteer', 'party_member', 'unit_admin'],
  async run({ input, caller, rt }) {
    const communityId = requireCommunity(caller);
    const from: GeoPoint = { type: 'Point', coordinates: [input.lng, input.lat] };
    // Radius and order are the coarsened points' (shared/privacy `nearestByCell`): ask the store a little wider and for a few more.
    const rows = await rt.repos.wishes.nearby<Omit<NearbySource, 'id'>>(
      from,
      { communityId, radiusM: input.radiusM + COARSENING_SLACK_M, limit: input.limit + CANDIDATES_EXTRA, category: input.category, notOwnedOrClaimedBy: caller.id },
      NEARBY_SOURCE_FIELDS,
    );
    const shown = nearestByCell(rows.map((w) => ({ ...w, id: w._id })), from, input.radiusM).slice(0, input.limit);
    return { items: shown.map((w) => nearbyItemOf(w, from)) };
  },
});
