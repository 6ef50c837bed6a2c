import { AppError } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { relationsTo, requireAny } from '../../_core/access';
import { announceAssigned } from '../../_core/announcements';
import { checkAssignTarget } from '../../_core/assignTarget';
import { wishView } from '../../_core/views';
import { actorDoc, loadWish, requireState, transit } from '../../_core/wishStore';

/** Dispatch an approved wish nobody holds to a person or unit (or re-dispatch it). */
export default defineAction({
  input: ActionSchemas.dispatch.assign,
  write: true,
  roles: ['secretary', 'grid_worker'],
  async run({ input, caller, rt }) {
    const wish = await loadWish(rt, input.wishId);
    const rel = relationsTo(caller, wish);
    requireAny(rel, ['staff', 'grid_staff'], wish, caller, '只有社区书记或本网格网格员可以派单');
    requireState(wish, ['open', 'assigned'], 'assign');
    const name = await checkAssignTarget(rt, wish.communityId, input.assignTo);
    const now = rt.now();
    const { wish: after, event } = await transit(rt, {
      wish, from: ['open', 'assigned'], to: 'assigned', action: 'assign',
      actor: actorDoc(caller, rel.has('staff') ? 'secretary' : 'grid_worker'), now, note: input.note,
      meta: { assigneeKind: input.assignTo.kind, assigneeId: input.assignTo.id, assigneeName: name },
      filter: { claims: { $size: 0 } } as never,
      update: { $set: { assignment: { target: input.assignTo, by: caller.id, at: now }, openedAt: now } },
      explain: (w) => (w.claims.length > 0 ? new AppError('ALREADY_CLAIMED', '心愿已有人认领，不能再派单') : undefined),
    });
    await announceAssigned(rt, after, event);
    return { wish: wishView(after, rel) };
  },
});
