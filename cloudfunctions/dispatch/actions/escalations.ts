import { ActionSchemas } from '@shared/actions';
import type { Filter } from 'mongodb';
import { AppError } from '@shared';
import { defineAction } from '../../_core/action';
import { collections } from '../../_core/store/collections';
import { nextCursor, pageFilter } from '../../_core/page';
import { wishView } from '../../_core/views';
import type { WishDoc } from '../../_core/types';

/** Wishes still waiting for a helper past the community's limits: the secretary's, or the town's. */
export default defineAction({
  input: ActionSchemas.dispatch.escalations,
  roles: ['secretary', 'town_admin'],
  async run({ input, caller, rt }) {
    const limit = input.limit ?? 20;
    const filter: Filter<WishDoc> = { status: { $in: ['open', 'assigned'] }, escalation: { $exists: true }, ...pageFilter<WishDoc>(input.cursor) };
    if (caller.roles.includes('secretary') && caller.communityId) filter.communityId = caller.communityId;
    else if (caller.townId) filter.townId = caller.townId;
    else throw new AppError('FORBIDDEN', '您没有查看上报的权限');
    if (input.level) filter['escalation.level'] = input.level;
    const items = await collections(rt.db).wishes.find(filter, { projection: { events: 0 } }).sort({ _id: -1 }).limit(limit).toArray();
    return {
      items: items.map((w) => {
        const full = { ...w, events: [] };
        return wishView(full, caller);
      }),
      nextCursor: nextCursor(items, limit),
    };
  },
});
