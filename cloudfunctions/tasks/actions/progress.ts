import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { applyAction } from '../../_core/wishes/apply';
import { wishView } from '../../_core/wishes/views';

/** A word (and photos) on how it is going; the resident sees it on the timeline. */
export default defineAction({
  input: ActionSchemas.tasks.progress,
  async run({ input, caller, rt }) {
    const wish = await rt.repos.wishes.load(input.wishId);
    await rt.content.check({ note: input.note }, caller.user.openid);
    const { wish: after } = await applyAction(rt, { wish, action: 'progress', caller, input: { note: input.note, photos: input.photos } });
    return { wish: wishView(after, caller) };
  },
});
