import { nearbyItemOf } from '@shared';
import { ActionSchemas } from '@shared/actions';
import type { Document } from 'mongodb';
import { defineAction } from '../../_core/action';
import { domainOf } from '../../_core/apply';
import { requireCommunity } from '../../_core/caller';
import { collections } from '../../_core/collections';
import type { WishDoc } from '../../_core/types';

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
      .wishes.aggregate<WishDoc & { distanceM: number }>([
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
        { $project: { events: 0, beneficiary: 0, progress: 0 } },
      ])
      .toArray();
    return { items: rows.map((w) => nearbyItemOf(domainOf({ ...w, events: [] }), w.distanceM)) };
  },
});
