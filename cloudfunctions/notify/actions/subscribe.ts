import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { collections } from '../../_core/store/collections';

/** Records what wx.requestSubscribeMessage returned: each accepted template buys one send. */
export default defineAction({
  input: ActionSchemas.notify.subscribe,
  write: true,
  async run({ input, caller, rt }) {
    const { subscriptions } = collections(rt.db);
    const now = rt.now();
    const credits: Record<string, number> = {};
    for (const r of input.results) {
      const _id = `${caller.id}:${r.template}`;
      const after = await subscriptions.findOneAndUpdate(
        { _id },
        { $inc: { credits: r.accepted ? 1 : 0 }, $set: { updatedAt: now }, $setOnInsert: { userId: caller.id, template: r.template } },
        { upsert: true, returnDocument: 'after' },
      );
      credits[r.template] = after?.credits ?? 0;
    }
    return { credits };
  },
});
