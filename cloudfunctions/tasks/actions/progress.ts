import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { relationsTo, requireAny } from '../../_core/access';
import { claimFilter, claimOf } from '../../_core/claims';
import { wishView } from '../../_core/views';
import { actorDoc, loadWish, requireState, transit } from '../../_core/wishStore';

/** A word (and photos) on how it is going; the resident sees it on the timeline. */
export default defineAction({
  input: ActionSchemas.tasks.progress,
  write: true,
  async run({ input, caller, rt }) {
    const wish = await loadWish(rt, input.wishId);
    const rel = relationsTo(caller, wish);
    requireAny(rel, ['claimer', 'assignee'], wish, caller, '您没有认领这个心愿');
    requireState(wish, ['claimed', 'in_progress'], 'progress');
    const claim = claimOf(wish, caller);
    await rt.content.check({ note: input.note }, caller.user.openid);
    const now = rt.now();
    const entry = { note: input.note, ...(input.photos ? { photos: input.photos } : {}), by: caller.id, at: now };
    const { wish: after } = await transit(rt, {
      wish, from: [wish.status], to: wish.status, action: 'progress', actor: actorDoc(caller), now, note: input.note,
      filter: claimFilter(claim),
      update: { $push: { progress: entry } },
    });
    return { wish: wishView(after, rel) };
  },
});
