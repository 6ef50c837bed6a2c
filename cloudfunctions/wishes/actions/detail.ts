import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { namesOf } from '../../_core/access/people';
import { wishDetailView } from '../../_core/wishes/views';
import { AppError, allowedActions, settingsOf } from '@shared';
import { actorFor, canRead, relationsTo } from '../../_core/access/wishAccess';
import { domainOf } from '../../_core/store/stored';
import { loadCommunity } from '../../_core/store/loadCommunity';

/** One wish and its timeline, as much as this caller may see (DESIGN.md §7). */
export default defineAction({
  input: ActionSchemas.wishes.detail,
  async run({ input, caller, rt }) {
    const wish = await rt.repos.wishes.load(input.wishId);
    const rel = relationsTo(caller, wish);
    // Refused before the names are looked up; wishDetailView applies the same rule.
    if (!canRead(rel, wish, caller)) throw new AppError('NOT_FOUND', '心愿不存在');
    const ids = wish.events.flatMap((e) => (e.actor.kind === 'user' ? [e.actor.userId] : []));
    const helpers = wish.claims.flatMap((c) => [c.claimerId, c.assigneeId]);
    ids.push(...helpers);
    // Looked up for everyone; wishDetailView hands them only to whom the privacy policy lets ring the helpers.
    const [names, phones] = await Promise.all([namesOf(rt, ids), rt.repos.users.phones(helpers)]);
    const view = wishDetailView(wish, caller, names, phones);
    if (!view) throw new AppError('NOT_FOUND', '心愿不存在');
    return {
      ...view,
      relations: [...rel],
      // The buttons this person may press now, as the shared transition table says.
      actions: allowedActions(domainOf(wish), actorFor(caller, wish), rt.now(), settingsOf((await loadCommunity(rt, wish.communityId)).settings)),
    };
  },
});
