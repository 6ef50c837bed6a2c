import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { canRead, relationsTo } from '../../_core/access';
import { namesOf } from '../../_core/people';
import { wishView } from '../../_core/views';
import { AppError, allowedActions, settingsOf } from '@shared';
import { actorFor } from '../../_core/access';
import { domainOf } from '../../_core/apply';
import { loadCommunity } from '../../_core/wishStore';

/** One wish and its timeline, as much as this caller may see (DESIGN.md §7). */
export default defineAction({
  input: ActionSchemas.wishes.detail,
  async run({ input, caller, rt }) {
    const wish = await rt.repos.wishes.load(input.wishId);
    const rel = relationsTo(caller, wish);
    if (!canRead(rel, wish, caller)) throw new AppError('NOT_FOUND', '心愿不存在');
    const ids = wish.events.flatMap((e) => (e.actor.kind === 'user' ? [e.actor.userId] : []));
    ids.push(...wish.claims.flatMap((c) => [c.claimerId, c.assigneeId]));
    const names = await namesOf(rt, ids);
    return {
      wish: wishView(wish, caller),
      events: wish.events,
      people: Object.fromEntries(names),
      relations: [...rel],
      // The buttons this person may press now, as the shared transition table says.
      actions: allowedActions(domainOf(wish), actorFor(caller, wish), rt.now(), settingsOf((await loadCommunity(rt, wish.communityId)).settings)),
    };
  },
});
