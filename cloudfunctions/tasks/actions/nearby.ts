import { NEARBY_SOURCE_FIELDS, nearbyItemOf, type NearbySource } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { requireCommunity } from '../../_core/access/caller';

/** Open wishes of my community near me, nearest first; contact details masked until I claim. */
export default defineAction({
  input: ActionSchemas.tasks.nearby,
  roles: ['volunteer', 'party_member', 'unit_admin'],
  async run({ input, caller, rt }) {
    const communityId = requireCommunity(caller);
    const rows = await rt.repos.wishes.nearby<Omit<NearbySource, 'id'>>(
      { type: 'Point', coordinates: [input.lng, input.lat] },
      { communityId, radiusM: input.radiusM, limit: input.limit, category: input.category, notOwnedOrClaimedBy: caller.id },
      NEARBY_SOURCE_FIELDS,
    );
    return { items: rows.map((w) => nearbyItemOf({ ...w, id: w._id }, w.distanceM)) };
  },
});
