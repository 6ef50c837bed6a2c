import type { InboxItem } from '@shared';
import { ActionSchemas } from '@shared/actions';
import type { Filter } from 'mongodb';
import { defineAction } from '../../_core/action';
import { collections } from '../../_core/store/collections';
import { nextCursor, pageFilter } from '../../_core/page';
import type { MessageDoc } from '../../_core/types';

/** What a person sees of a message (shared InboxItem): the delivery state is the server's business. */
const INBOX_FIELDS = {
  userId: 1, communityId: 1, template: 1, title: 1, body: 1, wishId: 1, read: 1, createdAt: 1,
} as const satisfies Record<Exclude<keyof InboxItem, 'id'>, 1>;
type InboxLine = Pick<MessageDoc, '_id' | keyof typeof INBOX_FIELDS>;

/** My in-app messages, newest first, with the unread count for the badge. */
export default defineAction({
  input: ActionSchemas.notify.inbox,
  async run({ input, caller, rt }) {
    const { messages } = collections(rt.db);
    const limit = input.limit ?? 20;
    const filter: Filter<MessageDoc> = { userId: caller.id, ...pageFilter<MessageDoc>(input.cursor) };
    if (input.unreadOnly) filter.read = false;
    const items = await messages.find<InboxLine>(filter, { projection: INBOX_FIELDS }).sort({ _id: -1 }).limit(limit).toArray();
    const unread = await messages.countDocuments({ userId: caller.id, read: false });
    return {
      items: items.map(({ _id, ...rest }) => ({ id: _id, ...rest })),
      unread,
      nextCursor: nextCursor(items, limit),
    };
  },
});
