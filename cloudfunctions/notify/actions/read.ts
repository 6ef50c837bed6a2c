import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { collections } from '../../_core/store/collections';

/** Mark some (or all) of my messages read; others' ids are ignored, not errors. */
export default defineAction({
  input: ActionSchemas.notify.read,
  write: true,
  async run({ input, caller, rt }) {
    const { messages } = collections(rt.db);
    const filter = input.all ? { userId: caller.id, read: false } : { userId: caller.id, read: false, _id: { $in: input.ids ?? [] } };
    const r = await messages.updateMany(filter, { $set: { read: true } });
    const unread = await messages.countDocuments({ userId: caller.id, read: false });
    return { updated: r.modifiedCount, unread };
  },
});
