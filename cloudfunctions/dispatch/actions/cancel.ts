import { CancellableStates } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { relationsTo, requireAny } from '../../_core/access';
import { wishView } from '../../_core/views';
import { actorDoc, loadWish, requireState, transit } from '../../_core/wishStore';

/** The secretary withdraws a wish (a duplicate, a request handled elsewhere), saying why. */
export default defineAction({
  input: ActionSchemas.dispatch.cancel,
  write: true,
  roles: ['secretary'],
  async run({ input, caller, rt }) {
    const wish = await loadWish(rt, input.wishId);
    const rel = relationsTo(caller, wish);
    requireAny(rel, ['staff'], wish, caller, '只有社区书记可以取消');
    requireState(wish, [...CancellableStates], 'cancel');
    const now = rt.now();
    const { wish: after } = await transit(rt, {
      wish, from: [...CancellableStates], to: 'cancelled', action: 'cancel', actor: actorDoc(caller, 'secretary'), now, note: input.reason,
      update: { $set: { claims: [], slotsFree: wish.helpersNeeded, cancelledAt: now } },
    });
    return { wish: wishView(after, rel) };
  },
});
