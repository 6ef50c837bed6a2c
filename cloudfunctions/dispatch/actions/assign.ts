import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { announceEvent } from '../../_core/notify/announcements';
import { applyAction, assertAllowed } from '../../_core/wishes/apply';
import { checkAssignTarget } from '../../_core/wishes/assignTarget';
import { confirmDispatched } from '../../_core/wishes/vacate';
import { wishView } from '../../_core/wishes/views';

/** Dispatch an approved wish nobody holds to a person or unit (or re-dispatch it). */
export default defineAction({
  input: ActionSchemas.dispatch.assign,
  roles: ['secretary', 'grid_worker'],
  async run({ input, caller, rt }) {
    const wish = await rt.repos.wishes.load(input.wishId);
    const step = { wish, action: 'assign' as const, caller, input: { assignTo: input.assignTo, note: input.note } };
    const settings = await assertAllowed(rt, step);
    const name = await checkAssignTarget(rt, wish.communityId, input.assignTo, wish);
    const { wish: after, event } = await applyAction(rt, { ...step, settings });
    await confirmDispatched(rt, after, input.assignTo, name);
    await announceEvent(rt, after, event);
    return { wish: wishView(after, caller) };
  },
});
