import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { isStaff, relationsTo, requireAny } from '../../_core/access';
import { editsToUpdate } from '../../_core/edits';
import { wishView } from '../../_core/views';
import { actorDoc, loadWish, requireState, transit } from '../../_core/wishStore';

/** The resident (or staff triaging) edits a wish while it waits for review. */
export default defineAction({
  input: ActionSchemas.wishes.update,
  write: true,
  async run({ input, caller, rt }) {
    const { wishId, ...edits } = input;
    const wish = await loadWish(rt, wishId);
    const rel = relationsTo(caller, wish);
    requireAny(rel, ['owner', 'staff', 'grid_staff'], wish, caller, '只有本人或社区工作人员可以修改心愿');
    requireState(wish, ['pending_review'], 'update');
    const { $set, $unset, changed } = await editsToUpdate(rt, caller, wish, edits);
    const { wish: after } = await transit(rt, {
      wish, from: ['pending_review'], to: 'pending_review', action: 'update',
      actor: actorDoc(caller, isStaff(rel) && !rel.has('owner') ? 'secretary' : 'resident'),
      now: rt.now(), meta: { fields: changed.join(',') }, update: { $set, $unset },
    });
    return { wish: wishView(after, rel) };
  },
});
