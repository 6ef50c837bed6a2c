import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { collections } from '../../_core/store/collections';
import { nextCursor, pageFilter } from '../../_core/page';
import { wishView } from '../../_core/views';
import type { WishDoc } from '../../_core/types';
import type { Filter } from 'mongodb';

/** My wishes, newest first: those I posted and those entered on my behalf. */
export default defineAction({
  input: ActionSchemas.wishes.mine,
  async run({ input, caller, rt }) {
    const limit = input.limit ?? 20;
    const filter: Filter<WishDoc> = { ownerId: caller.id, ...pageFilter<WishDoc>(input.cursor) };
    if (input.status) filter.status = input.status;
    const items = await collections(rt.db).wishes.find(filter, { projection: { events: 0 } }).sort({ _id: -1 }).limit(limit).toArray();
    return { items: items.map((w) => wishView({ ...w, events: [] }, caller)), nextCursor: nextCursor(items, limit) };
  },
});
