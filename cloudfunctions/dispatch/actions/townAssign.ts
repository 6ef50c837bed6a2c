import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { announceEvent } from '../../_core/notify/announcements';
import { applyAction, assertAllowed } from '../../_core/wishes/apply';
import { checkTownUnit } from '../../_core/wishes/assignTarget';
import { confirmDispatched } from '../../_core/wishes/vacate';
import { wishView } from '../../_core/wishes/views';

/** 镇街派单: the town sends a wish nobody took to a town- or county-level co-building unit that has people to act. */
export default defineAction({
  input: ActionSchemas.dispatch.townAssign,
  roles: ['town_admin'],
  async run({ input, caller, rt }) {
    const wish = await rt.repos.wishes.load(input.wishId);
    const step = { wish, action: 'townAssign' as const, caller, input: { unitId: input.unitId, note: input.note } };
    const settings = await assertAllowed(rt, step);
    const name = await checkTownUnit(rt, wish.townId, input.unitId);
    const { wish: after, event } = await applyAction(rt, { ...step, settings });
    const unit = await rt.repos.org.unitAnywhere(input.unitId);
    await confirmDispatched(rt, after, { kind: 'unit', id: input.unitId }, name, unit!.communityId);
    await announceEvent(rt, after, event);
    return { wish: wishView(after, caller) };
  },
});
