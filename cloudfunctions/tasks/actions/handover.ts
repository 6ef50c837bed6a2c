import { AppError } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { announceEvent } from '../../_core/notify/announcements';
import { unlessDeactivated } from '../../_core/wishes/vacate';
import { applyAction, assertAllowed } from '../../_core/wishes/apply';
import { wishView } from '../../_core/wishes/views';
import { requireCanServe } from '../../_core/wishes/assignTarget';

/** A unit admin hands the unit's claim to one of the unit's members, who then does the work. */
export default defineAction({
  input: ActionSchemas.tasks.handover,
  roles: ['unit_admin'],
  async run({ input, caller, rt }) {
    const wish = await rt.repos.wishes.load(input.wishId);
    const settings = await assertAllowed(rt, { wish, action: 'handover', caller, input: { toUserId: input.toUserId, note: input.note } });
    const unitId = caller.membership?.unitId;
    // Its members are where the unit is registered: a town-level unit's, in another community of the town than the wish.
    const unit = unitId ? await rt.repos.org.unitAnywhere(unitId) : null;
    const member = await rt.repos.users.unitMemberOf(unit?.communityId ?? wish.communityId, unitId, input.toUserId);
    if (!member) throw new AppError('VALIDATION_FAILED', '只能转交给本单位成员', { fields: [{ path: 'toUserId', message: '不是本单位成员' }] });
    // Nobody serves the wish they are helped by, nor a member deactivated where the unit is: as any dispatch (shared personRefusal).
    requireCanServe(member, wish, unit?.communityId ?? wish.communityId, 'toUserId');
    const { wish: after, event } = await applyAction(rt, { wish, action: 'handover', caller, input: { toUserId: member._id, note: input.note }, settings });
    await unlessDeactivated(rt, after, member._id, unit?.communityId ?? wish.communityId);
    await announceEvent(rt, after, event);
    return { wish: wishView(after, caller) };
  },
});
