import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { relationsTo, requireAny } from '../../_core/access';
import { approveWish } from '../../_core/approve';
import { wishView } from '../../_core/views';
import { loadWish, requireState } from '../../_core/wishStore';

export default defineAction({
  input: ActionSchemas.dispatch.approve,
  write: true,
  roles: ['secretary', 'grid_worker'],
  async run({ input, caller, rt }) {
    const wish = await loadWish(rt, input.wishId);
    const rel = relationsTo(caller, wish);
    requireAny(rel, ['staff', 'grid_staff'], wish, caller, '只有社区书记或本网格网格员可以审核');
    requireState(wish, ['pending_review'], 'approve');
    const { wish: after } = await approveWish(rt, caller, rel.has('staff') ? 'secretary' : 'grid_worker', wish, input);
    return { wish: wishView(after, rel) };
  },
});
