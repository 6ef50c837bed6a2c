import { ActionSchemas } from '@shared/actions';
import { allowedActionsFor } from '../../_core/allowed';
import { defineAction } from '../../_core/action';
import { canRead, relationsTo } from '../../_core/access';
import { namesOf } from '../../_core/people';
import { wishView } from '../../_core/views';
import { loadWish } from '../../_core/wishStore';
import { AppError } from '@shared';

/** One wish and its timeline, as much as this caller may see (DESIGN.md §7). */
export default defineAction({
  input: ActionSchemas.wishes.detail,
  async run({ input, caller, rt }) {
    const wish = await loadWish(rt, input.wishId);
    const rel = relationsTo(caller, wish);
    if (!canRead(rel, wish, caller)) throw new AppError('NOT_FOUND', '心愿不存在');
    const ids = wish.events.flatMap((e) => (e.actor.kind === 'user' ? [e.actor.userId] : []));
    ids.push(...wish.claims.flatMap((c) => [c.claimerId, c.assigneeId]));
    const names = await namesOf(rt, ids);
    return {
      wish: wishView(wish, rel),
      events: wish.events,
      people: Object.fromEntries(names),
      relations: [...rel],
      allowedActions: allowedActionsFor(wish, rel, caller.id),
    };
  },
});
