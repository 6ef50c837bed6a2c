import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { announceEvent } from '../../_core/notify/announcements';
import { applyAction } from '../../_core/wishes/apply';
import { wishView } from '../../_core/wishes/views';

/**
 * The resident says the work is not done, with a reason: the wish goes back to its helpers, and the
 * services the completion recorded are withdrawn (in the step's own write, `applyAction`), so hours count only once
 * the work is done again.
 */
export default defineAction({
  input: ActionSchemas.wishes.dispute,
  async run({ input, caller, rt }) {
    const wish = await rt.repos.wishes.load(input.wishId);
    // Today a dispute comes before any confirmation, so nothing was earned yet; should one ever follow it, its points
    // and hours go back by entry, in the step's own transaction (applyAction).
    const { wish: after, event } = await applyAction(rt, { wish, action: 'dispute', caller, input: { reason: input.reason } });
    await announceEvent(rt, after, event);
    return { wish: wishView(after, caller) };
  },
});
