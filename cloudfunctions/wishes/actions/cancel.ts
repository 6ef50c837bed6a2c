import { ActionSchemas } from '@shared/actions';
import { CancellableStates } from '@shared';
import { defineAction } from '../../_core/action';
import { relationsTo, requireAny } from '../../_core/access';
import { wishView } from '../../_core/views';
import { actorDoc, loadWish, requireState, transit } from '../../_core/wishStore';

/** The resident withdraws a wish before it is done; any claims end with it. */
export default defineAction({
  input: ActionSchemas.wishes.cancel,
  write: true,
  async run({ input, caller, rt }) {
    const wish = await loadWish(rt, input.wishId);
    const rel = relationsTo(caller, wish);
    requireAny(rel, ['owner', 'staff'], wish, caller, '只有本人或社区书记可以取消心愿');
    requireState(wish, [...CancellableStates], 'cancel');
    const now = rt.now();
    const { wish: after } = await transit(rt, {
      wish, from: [...CancellableStates], to: 'cancelled', action: 'cancel',
      actor: actorDoc(caller, rel.has('owner') ? 'resident' : 'secretary'), now, note: input.reason,
      update: { $set: { claims: [], slotsFree: wish.helpersNeeded, cancelledAt: now } },
    });
    return { wish: wishView(after, rel) };
  },
});
