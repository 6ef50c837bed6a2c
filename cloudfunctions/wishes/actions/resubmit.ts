import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { announceEvent } from '../../_core/notify/announcements';
import { applyAction } from '../../_core/wishes/apply';
import { checkWishText } from '../../_core/wishes/newWish';
import { wishView } from '../../_core/wishes/views';
import { gridEdit } from './update';

/** A rejected wish, usually edited to meet the reviewer's reason, goes back to review. */
export default defineAction({
  input: ActionSchemas.wishes.resubmit,
  async run({ input, caller, rt }) {
    const { wishId, ...edits } = input;
    const wish = await rt.repos.wishes.load(wishId);
    await checkWishText(rt, caller, edits);
    const { wish: after, event } = await applyAction(rt, { wish, action: 'resubmit', caller, input: { edits }, extra: await gridEdit(rt, wish, edits) });
    await announceEvent(rt, after, event);
    return { wish: wishView(after, caller) };
  },
});
