import { AppError, deactivatedRefusal } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { userCache } from '../../_core/access/caller';
import { userView } from '../../_core/access/userView';

/**
 * A person who belongs to more than one community (lives in one, serves in another) picks the one they act in:
 * from the next call on, their roles, lists and posts are that community's (`Caller.acting`), and the other's are
 * closed to them until they switch back. A community they do not belong to is "not found".
 */
export default defineAction({
  input: ActionSchemas.org.actIn,
  async run({ input, caller, rt }) {
    const there = caller.user.memberships.find((m) => m.communityId === input.communityId);
    if (there?.deactivated) throw deactivatedRefusal(there, (await rt.repos.communities.names([input.communityId])).get(input.communityId));
    const user = await rt.repos.users.actIn(caller.id, input.communityId, rt.now());
    if (!user) throw new AppError('NOT_FOUND', '您不是该社区成员');
    userCache.forget(rt.repos, caller.id);
    return { user: await userView(rt, user) };
  },
});
