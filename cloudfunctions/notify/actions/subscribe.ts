import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';

/** Records what wx.requestSubscribeMessage returned: each accepted template buys one send. */
export default defineAction({
  input: ActionSchemas.notify.subscribe,
  async run({ input, caller, rt }) {
    const now = rt.now();
    const credits: Record<string, number> = {};
    for (const r of input.results) credits[r.template] = await rt.repos.subscriptions.record(caller.id, r.template, r.accepted, now);
    return { credits };
  },
});
