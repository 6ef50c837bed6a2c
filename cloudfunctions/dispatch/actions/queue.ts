import { ActionSchemas } from '@shared/actions';
import type { Filter } from 'mongodb';
import { defineAction } from '../../_core/action';
import { requireCommunity } from '../../_core/caller';
import { collections } from '../../_core/store/collections';
import { nextCursor, pageFilter } from '../../_core/page';
import { wishView } from '../../_core/views';
import type { WishDoc } from '../../_core/types';

/** The review queue: a secretary sees the community, a grid worker their grids. Urgent first. */
export default defineAction({
  input: ActionSchemas.dispatch.queue,
  roles: ['secretary', 'grid_worker'],
  async run({ input, caller, rt }) {
    const communityId = requireCommunity(caller);
    const limit = input.limit ?? 20;
    const filter: Filter<WishDoc> = { communityId, status: input.status, ...pageFilter<WishDoc>(input.cursor) };
    if (!caller.roles.includes('secretary')) filter.gridId = { $in: caller.membership?.gridIds ?? [] };
    if (input.gridId) filter.gridId = input.gridId;
    const items = await collections(rt.db).wishes.find(filter, { projection: { events: 0 } }).sort({ _id: -1 }).limit(limit).toArray();
    const rank = { urgent: 0, high: 1, normal: 2 } as const;
    const views = items.map((w) => {
      const full = { ...w, events: [] };
      return wishView(full, caller);
    });
    views.sort((a, b) => rank[a.priority] - rank[b.priority]);
    return { items: views, nextCursor: nextCursor(items, limit) };
  },
});
