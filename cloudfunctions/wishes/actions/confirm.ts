import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { relationsTo, requireAny } from '../../_core/access';
import { announceConfirmed } from '../../_core/announcements';
import { wishView } from '../../_core/views';
import { actorDoc, loadWish, requireState, transit } from '../../_core/wishStore';

/** The resident (or the staff who entered it for them) confirms the service happened. */
export default defineAction({
  input: ActionSchemas.wishes.confirm,
  write: true,
  async run({ input, caller, rt }) {
    const wish = await loadWish(rt, input.wishId);
    const rel = relationsTo(caller, wish);
    const forProxy = wish.createdBy === caller.id && wish.ownerId === caller.id;
    if (!forProxy) requireAny(rel, ['owner'], wish, caller, '只有心愿本人可以确认完成');
    requireState(wish, ['done'], 'confirm');
    const now = rt.now();
    const { wish: after, event } = await transit(rt, {
      wish, from: ['done'], to: 'confirmed', action: 'confirm', actor: actorDoc(caller, 'resident'), now,
      update: { $set: { confirmedAt: now } },
    });
    await announceConfirmed(rt, after, event);
    return { wish: wishView(after, rel) };
  },
});
