import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { relationsTo, requireAny } from '../../_core/access';
import { announceNearby } from '../../_core/announcements';
import { wishView } from '../../_core/views';
import { actorDoc, loadWish, requireState, transit } from '../../_core/wishStore';

/** The assignee cannot take it: the wish goes to the open pool for anyone nearby. */
export default defineAction({
  input: ActionSchemas.tasks.decline,
  write: true,
  async run({ input, caller, rt }) {
    const wish = await loadWish(rt, input.wishId);
    const rel = relationsTo(caller, wish);
    requireAny(rel, ['assignee', 'unit_admin_of_claiming_unit'], wish, caller, '这个心愿没有派给您');
    requireState(wish, ['assigned'], 'decline');
    const now = rt.now();
    const { wish: after, event } = await transit(rt, {
      wish, from: ['assigned'], to: 'open', action: 'decline', actor: actorDoc(caller), now, note: input.reason,
      filter: { 'assignment.target.id': wish.assignment!.target.id } as never,
      update: { $unset: { assignment: '', escalation: '' }, $set: { openedAt: now } },
    });
    await announceNearby(rt, after, event);
    return { wish: wishView(after, relationsTo(caller, after)) };
  },
});
