import { AppError, withStatus } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { userCache } from '../../_core/access/caller';
import { memberOf, requireSecretary } from '../../_core/access/orgAccess';
import { vacateWorkOf } from '../../_core/wishes/vacate';

/**
 * 停用: the secretary stops a member of their community, saying why (kept on the membership). From the next call
 * they can do nothing here (the router refuses it, MEMBER_DEACTIVATED); nobody dispatches to them, lists them as a
 * helper or tells them of steps; and what they held unfinished goes back to the pool, each resident told (also a
 * town-level unit's places in the town's other communities, and their unit's waiting dispatches once nobody answers for
 * it: no active admin, shared `answersForUnit`).
 * Their other communities are untouched.
 */
export default defineAction({
  input: ActionSchemas.org.deactivate,
  async run({ input, caller, rt }) {
    const communityId = requireSecretary(caller);
    if (input.userId === caller.id) throw new AppError('CONFLICT', '不能停用自己');
    const user = await rt.repos.users.memberOf(communityId, input.userId);
    if (!user) throw new AppError('NOT_FOUND', '本社区没有这位成员');
    const now = rt.now();
    const current = user.memberships.find((m) => m.communityId === communityId)!;
    const next = withStatus(current, { active: false, at: now, by: caller.id, reason: input.reason });
    const after = await rt.repos.users.setMembershipStatus(input.userId, communityId, true, next, now);
    if (!after) throw new AppError('CONFLICT', '该成员已停用');
    // Written first, swept second: a claim of theirs written meanwhile is caught by one side or the other (wishes/vacate.ts).
    // A crash between the two leaves the deactivation unswept, which the timer's repair finds (`repairSweeps`).
    userCache.forget(rt.repos, input.userId);
    const vacated = await vacateWorkOf(rt, input.userId, after.memberships.find((m) => m.communityId === communityId)!, caller);
    return { member: memberOf(after, communityId, caller), vacated };
  },
});
