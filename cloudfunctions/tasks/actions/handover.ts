import { AppError } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { announceEvent } from '../../_core/announcements';
import { applyAction } from '../../_core/apply';
import { collections } from '../../_core/store/collections';
import { wishView } from '../../_core/views';
import { loadWish } from '../../_core/wishStore';

/** A unit admin hands the unit's claim to one of the unit's members, who then does the work. */
export default defineAction({
  input: ActionSchemas.tasks.handover,
  write: true,
  roles: ['unit_admin'],
  async run({ input, caller, rt }) {
    const wish = await loadWish(rt, input.wishId);
    const unitId = caller.membership?.unitId;
    const member = await collections(rt.db).users.findOne({
      _id: input.toUserId,
      memberships: { $elemMatch: { communityId: wish.communityId, unitId } },
    });
    if (!member) throw new AppError('VALIDATION_FAILED', '只能转交给本单位成员', { fields: [{ path: 'toUserId', message: '不是本单位成员' }] });
    const { wish: after, event } = await applyAction(rt, { wish, action: 'handover', caller, input: { toUserId: member._id, note: input.note } });
    await announceEvent(rt, after, event);
    return { wish: wishView(after, caller) };
  },
});
