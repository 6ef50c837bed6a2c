import { NEARBY_SOURCE_FIELDS, nearbyItemOf, type NearbySource } from '@shared';
import { ActionSchemas } from '@shared/actions';
import type { Document } from 'mongodb';
import { defineAction } from '../../_core/action';
import { requireCommunity } from '../../_core/caller';
import { collections } from '../../_core/store/collections';

const NEARBY_PROJECTION = Object.fromEntries([...NEARBY_SOURCE_FIELDS, 'distanceM'].map((f) => [f, 1]));

/** Open wishes of my community near me, nearest first; contact details masked until I claim. */
export default defineAction({
  input: ActionSchemas.tasks.nearby,
  roles: ['volunteer', 'party_member', 'unit_admin'],
  async run({ input, caller, rt }) {
    const communityId = requireCommunity(caller);
    const query: Document = {
      communityId,
      status: 'open',
      slotsFree: { $gt: 0 },
      ownerId: { $ne: caller.id },
      'claims.claimerId': { $ne: caller.id },
    };
    if (input.category) query.category = input.category;
    const rows = await collections(rt.db)
      .wishes.aggregate<Omit<NearbySource, 'id'> & { _id: string; distanceM: number }>([
        {
          $geoNear: {
            near: { type: 'Point', coordinates: [input.lng, input.lat] },
            distanceField: 'distanceM',
            maxDistance: input.radiusM,
            spherical: true,
            key: 'location',
            query,
          },
        },
        { $limit: input.limit },
        // Only what a row shows: the hall is the busiest read, and whole wishes cost the driver far more to decode.
        { $project: NEARBY_PROJECTION },
      ])
      .toArray();
    return { items: rows.map((w) => nearbyItemOf({ ...w, id: w._id }, w.distanceM)) };
  },
});
