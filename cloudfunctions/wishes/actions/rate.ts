import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { applyAction } from '../../_core/wishes/apply';
import { wishView } from '../../_core/wishes/views';

/** 1–5 stars and a word of thanks, once, after the resident confirmed. */
export default defineAction({
  input: ActionSchemas.wishes.rate,
  async run({ input, caller, rt }) {
    const wish = await rt.repos.wishes.load(input.wishId);
    if (input.comment) await rt.content.check({ comment: input.comment }, caller.user.openid);
    const { wish: after } = await applyAction(rt, { wish, action: 'rate', caller, input: { stars: input.stars, comment: input.comment } });
    return { wish: wishView(after, caller) };
  },
});
