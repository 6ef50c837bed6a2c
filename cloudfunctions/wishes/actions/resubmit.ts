import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { relationsTo, requireAny } from '../../_core/access';
import { editsToUpdate } from '../../_core/edits';
import { announcePending } from '../../_core/newWish';
import { wishView } from '../../_core/views';
import { actorDoc, loadWish, requireState, transit } from '../../_core/wishStore';

/** A rejected wish, usually edited to meet the reviewer's reason, goes back to review. */
export default defineAction({
  input: ActionSchemas.wishes.resubmit,
  write: true,
  async run({ input, caller, rt }) {
    const { wishId, ...edits } = input;
    const wish = await loadWish(rt, wishId);
    const rel = relationsTo(caller, wish);
    requireAny(rel, ['owner'], wish, caller, '只有本人可以重新提交');
    requireState(wish, ['rejected'], 'resubmit');
    const { $set, $unset } = await editsToUpdate(rt, caller, wish, edits);
    const { wish: after, event } = await transit(rt, {
      wish, from: ['rejected'], to: 'pending_review', action: 'resubmit', actor: actorDoc(caller, 'resident'),
      now: rt.now(), update: { $set, $unset: { ...$unset, rejectReason: '' } },
    });
    await announcePending(rt, { ...after, events: [event] });
    return { wish: wishView(after, rel) };
  },
});
