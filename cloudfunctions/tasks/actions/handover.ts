import { AppError } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { relationsTo, requireAny } from '../../_core/access';
import { announceAssigned } from '../../_core/announcements';
import { collections } from '../../_core/collections';
import { wishView } from '../../_core/views';
import { actorDoc, loadWish, requireState, transit } from '../../_core/wishStore';

/** A unit admin hands the unit's claim to one of the unit's members, who then does the work. */
export default defineAction({
  input: ActionSchemas.tasks.handover,
  write: true,
  roles: ['unit_admin'],
  async run({ input, caller, rt }) {
    const wish = await loadWish(rt, input.wishId);
    const rel = relationsTo(caller, wish);
    requireAny(rel, ['unit_admin_of_claiming_unit'], wish, caller, '只有认领单位的管理员可以转交');
    requireState(wish, ['claimed', 'in_progress'], 'handover');
    const unitId = caller.membership?.unitId;
    const claim = wish.claims.find((c) => c.kind === 'unit' && c.unitId === unitId);
    if (!claim) throw new AppError('FORBIDDEN', '本单位没有认领这个心愿');
    const member = await collections(rt.db).users.findOne({
      _id: input.toUserId,
      memberships: { $elemMatch: { communityId: wish.communityId, unitId } },
    });
    if (!member) throw new AppError('VALIDATION_FAILED', '只能转交给本单位成员', { fields: [{ path: 'toUserId', message: '不是本单位成员' }] });
    const { wish: after, event } = await transit(rt, {
      wish, from: [wish.status], to: wish.status, action: 'handover', actor: actorDoc(caller, 'unit_admin'), now: rt.now(),
      note: input.note, meta: { toUserId: member._id, unitId: unitId! },
      filter: { claims: { $elemMatch: { kind: 'unit', unitId, assigneeId: claim.assigneeId } } } as never,
      update: { $set: { 'claims.$.assigneeId': member._id } as never },
    });
    await announceAssigned(rt, { ...after, assignment: { target: { kind: 'user', id: member._id }, by: caller.id, at: event.at } }, event);
    return { wish: wishView(after, rel) };
  },
});
