import { inboxTextOf } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';

/** My in-app messages, newest first, each said as a sentence from its values (older lines were stored as labelled fields), with the unread count for the badge. */
export default defineAction({
  input: ActionSchemas.notify.inbox,
  async run({ input, caller, rt }) {
    const { messages } = rt.repos;
    const page = await messages.inbox(caller.id, { cursor: input.cursor, limit: input.limit ?? 20, unreadOnly: input.unreadOnly });
    const unread = await messages.unreadCount(caller.id);
    return {
      items: page.items.map(({ _id, payload, ...rest }) => ({ id: _id, ...rest, ...(payload ? { body: inboxTextOf(rest.template, payload).body } : {}) })),
      unread,
      nextCursor: page.nextCursor,
    };
  },
});
