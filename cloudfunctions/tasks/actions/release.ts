import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { relationsTo, requireAny } from '../../_core/access';
import { claimOf } from '../../_core/claims';
import { dropClaim } from '../../_core/dropClaim';
import { wishView } from '../../_core/views';
import { actorDoc, loadWish, requireState } from '../../_core/wishStore';

/** Give my place back; the last place given back returns the wish to the open pool. */
export default defineAction({
  input: ActionSchemas.tasks.release,
  write: true,
  async run({ input, caller, rt }) {
    const wish = await loadWish(rt, input.wishId);
    const rel = relationsTo(caller, wish);
    requireAny(rel, ['claimer', 'assignee', 'unit_admin_of_claiming_unit'], wish, caller, '您没有认领这个心愿');
    requireState(wish, ['claimed'], 'release');
    const claim = claimOf(wish, caller);
    const { wish: after } = await dropClaim(rt, wish, claim, 'release', actorDoc(caller), input.reason);
    return { wish: wishView(after, relationsTo(caller, after)) };
  },
});
