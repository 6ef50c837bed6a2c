import { ActionSchemas } from '@shared/actions';
import type { Filter } from 'mongodb';
import { defineAction } from '../../_core/action';
import { collections } from '../../_core/collections';
import { nextCursor, pageFilter } from '../../_core/page';
import type { InboxDoc } from '../../_core/types';

/** My in-app messages, newest first, with the unread count for the badge. */
export default defineAction({
  input: ActionSchemas.notify.inbox,
  async run({ input, caller, rt }) {
    const { inbox } = collections(rt.db);
    const limit = input.limit ?? 20;
    const filter: Filter<InboxDoc> = { userId: caller.id, ...pageFilter<InboxDoc>(input.cursor) };
    if (input.unreadOnly) filter.read = false;
    const items = await inbox.find(filter).sort({ _id: -1 }).limit(limit).toArray();
    const unread = await inbox.countDocuments({ userId: caller.id, read: false });
    return {
      items: items.map(({ _id, dedupeKey: _k, ...rest }) => ({ id: _id, ...rest })),
      unread,
      nextCursor: nextCursor(items, limit),
    };
  },
});
