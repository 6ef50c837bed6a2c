import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { announceEvent } from '../../_core/notify/announcements';
import { applyAction } from '../../_core/wishes/apply';
import { wishView } from '../../_core/wishes/views';

/** The assignee cannot take it: the wish goes to the open pool for anyone nearby. */
export default defineAction({
  input: ActionSchemas.tasks.decline,
  async run({ input, caller, rt }) {
    const wish = await rt.repos.wishes.load(input.wishId);
    const { wish: after, event } = await applyAction(rt, { wish, action: 'decline', caller, input: { reason: input.reason } });
    await announceEvent(rt, after, event);
    return { wish: wishView(after, caller) };
  },
});
