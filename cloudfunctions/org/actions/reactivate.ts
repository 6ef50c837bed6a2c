import { AppError, withStatus } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { userCache } from '../../_core/access/caller';
import { memberOf, requireSecretary } from '../../_core/access/orgAccess';

/** 恢复: the secretary restores a deactivated member; the deactivation and its reason stay in the membership's log. */
export default defineAction({
  input: ActionSchemas.org.reactivate,
  async run({ input, caller, rt }) {
    const communityId = requireSecretary(caller);
    const user = await rt.repos.users.memberOf(communityId, input.userId);
    if (!user) throw new AppError('NOT_FOUND', '本社区没有这位成员');
    const now = rt.now();
    const current = user.memberships.find((m) => m.communityId === communityId)!;
    const next = withStatus(current, { active: true, at: now, by: caller.id, ...(input.reason ? { reason: input.reason } : {}) });
    const after = await rt.repos.users.setMembershipStatus(input.userId, communityId, false, next, now);
    if (!after) throw new AppError('CONFLICT', '该成员未停用，无需恢复');
    userCache.forget(rt.repos, input.userId);
    return { member: memberOf(after, communityId, caller) };
  },
});
