import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { announceEvent } from '../../_core/notify/announcements';
import { applyAction } from '../../_core/wishes/apply';
import { wishView } from '../../_core/wishes/views';

/** Not approved, with a reason the resident can act on (edit and resubmit). */
export default defineAction({
  input: ActionSchemas.dispatch.reject,
  roles: ['secretary', 'grid_worker'],
  async run({ input, caller, rt }) {
    const wish = await rt.repos.wishes.load(input.wishId);
    const { wish: after, event } = await applyAction(rt, { wish, action: 'reject', caller, input: { reason: input.reason } });
    await announceEvent(rt, after, event);
    return { wish: wishView(after, caller) };
  },
});
