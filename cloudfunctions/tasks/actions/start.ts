import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { relationsTo, requireAny } from '../../_core/access';
import { claimFilter, claimOf } from '../../_core/claims';
import { wishView } from '../../_core/views';
import { actorDoc, loadWish, requireState, transit } from '../../_core/wishStore';

/** Work begins: from here the lease no longer expires. */
export default defineAction({
  input: ActionSchemas.tasks.start,
  write: true,
  async run({ input, caller, rt }) {
    const wish = await loadWish(rt, input.wishId);
    const rel = relationsTo(caller, wish);
    requireAny(rel, ['claimer', 'assignee'], wish, caller, '您没有认领这个心愿');
    requireState(wish, ['claimed'], 'start');
    const claim = claimOf(wish, caller);
    const now = rt.now();
    const { wish: after } = await transit(rt, {
      wish, from: ['claimed'], to: 'in_progress', action: 'start', actor: actorDoc(caller), now,
      filter: claimFilter(claim),
      update: { $set: { 'claims.$.startedAt': now } as never },
    });
    return { wish: wishView(after, rel) };
  },
});
