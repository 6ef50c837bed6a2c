import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { relationsTo, requireAny } from '../../_core/access';
import { announceRejected } from '../../_core/announcements';
import { wishView } from '../../_core/views';
import { actorDoc, loadWish, requireState, transit } from '../../_core/wishStore';

/** Not approved, with a reason the resident can act on (edit and resubmit). */
export default defineAction({
  input: ActionSchemas.dispatch.reject,
  write: true,
  roles: ['secretary', 'grid_worker'],
  async run({ input, caller, rt }) {
    const wish = await loadWish(rt, input.wishId);
    const rel = relationsTo(caller, wish);
    requireAny(rel, ['staff', 'grid_staff'], wish, caller, '只有社区书记或本网格网格员可以审核');
    requireState(wish, ['pending_review'], 'reject');
    const { wish: after, event } = await transit(rt, {
      wish, from: ['pending_review'], to: 'rejected', action: 'reject',
      actor: actorDoc(caller, rel.has('staff') ? 'secretary' : 'grid_worker'), now: rt.now(), note: input.reason,
      update: { $set: { rejectReason: input.reason } },
    });
    await announceRejected(rt, after, event, input.reason);
    return { wish: wishView(after, rel) };
  },
});
