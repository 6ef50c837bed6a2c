import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { announceEvent } from '../../_core/notify/announcements';
import { applyAction, assertAllowed } from '../../_core/wishes/apply';
import { checkAssignTarget } from '../../_core/wishes/assignTarget';
import { confirmDispatched } from '../../_core/wishes/vacate';
import { wishView } from '../../_core/wishes/views';

/**
 * 收回: the community takes back a claim or dispatch nobody has started (the table's `recall`), and, when staff pick
 * someone, dispatches it to them in the same step. A start racing it is decided on the same revision: one wins.
 */
export default defineAction({
  input: ActionSchemas.dispatch.recall,
  roles: ['secretary', 'grid_worker'],
  async run({ input, caller, rt }) {
    const wish = await rt.repos.wishes.load(input.wishId);
    const step = { wish, action: 'recall' as const, caller, input: { reason: input.reason, ...(input.assignTo ? { assignTo: input.assignTo } : {}) } };
    // Refused as the table says before the new assignee is looked at.
    const settings = await assertAllowed(rt, step);
    const name = input.assignTo ? await checkAssignTarget(rt, wish.communityId, input.assignTo, wish) : undefined;
    const { wish: after, event } = await applyAction(rt, { ...step, settings });
    if (input.assignTo && name !== undefined) await confirmDispatched(rt, after, input.assignTo, name);
    await announceEvent(rt, after, event);
    return { wish: wishView(after, caller) };
  },
});
