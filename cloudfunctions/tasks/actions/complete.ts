import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { relationsTo, requireAny } from '../../_core/access';
import { announceCompleted } from '../../_core/announcements';
import { claimFilter, claimOf } from '../../_core/claims';
import { recordServices } from '../../_core/services';
import { wishView } from '../../_core/views';
import { actorDoc, loadWish, requireState, transit } from '../../_core/wishStore';

/** Done: a note, photos, hours; each helper's service is recorded for the community's totals. */
export default defineAction({
  input: ActionSchemas.tasks.complete,
  write: true,
  async run({ input, caller, rt }) {
    const wish = await loadWish(rt, input.wishId);
    const rel = relationsTo(caller, wish);
    requireAny(rel, ['claimer', 'assignee'], wish, caller, '您没有认领这个心愿');
    requireState(wish, ['claimed', 'in_progress'], 'complete');
    const claim = claimOf(wish, caller);
    await rt.content.check({ note: input.note }, caller.user.openid);
    const now = rt.now();
    const completion = { note: input.note, ...(input.photos ? { photos: input.photos } : {}), by: caller.id, at: now, ...(input.hours ? { hours: input.hours } : {}) };
    const { wish: after, event } = await transit(rt, {
      wish, from: ['claimed', 'in_progress'], to: 'done', action: 'complete', actor: actorDoc(caller), now, note: input.note,
      filter: claimFilter(claim),
      update: { $set: { completion, doneAt: now } },
    });
    await recordServices(rt, after, input.hours);
    await announceCompleted(rt, after, event, caller.id);
    return { wish: wishView(after, rel) };
  },
});
