import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';

/** Mark some (or all) of my messages read; others' ids are ignored, not errors. */
export default defineAction({
  input: ActionSchemas.notify.read,
  async run({ input, caller, rt }) {
    const { messages } = rt.repos;
    const updated = await messages.markRead(caller.id, input.all ? 'all' : (input.ids ?? []));
    const unread = await messages.unreadCount(caller.id);
    return { updated, unread };
  },
});
