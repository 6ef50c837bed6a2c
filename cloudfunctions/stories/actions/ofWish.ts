import { AppError } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { canRead, relationsTo } from '../../_core/access/wishAccess';
import { cardOf, standingOf, viewOf } from './common';

/** The story of a wish, for its page: the resident answers the consent request there; others see it once published. */
export default defineAction({
  input: ActionSchemas.stories.ofWish,
  async run({ input, caller, rt }) {
    const wish = await rt.repos.wishes.load(input.wishId);
    if (!canRead(relationsTo(caller, wish), wish, caller)) throw new AppError('NOT_FOUND', '心愿不存在');
    const story = await rt.repos.stories.ofWish(wish._id);
    if (!story) return { story: null };
    const who = standingOf(caller, story);
    return { story: who.follows ? await viewOf(rt, story, who.viewer) : await cardOf(rt, story, who.viewer) };
  },
});
