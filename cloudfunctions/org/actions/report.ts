import { AppError } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { requireCommunity, userCache } from '../../_core/access/caller';
import { memberOf } from '../../_core/access/orgAccess';
import { loadCommunity } from '../../_core/store/loadCommunity';
import { leanedOnClosed } from '../branches';

/**
 * 报到: a party member of the community reports to it, naming the branch where they live (one of the community's
 * open branches, or the town's committee). An in-service party member keeps their unit (`unitId`, set by the
 * secretary or their unit's invite): their services then count for the unit's branch and this one (双报到). Reporting
 * again moves them to the branch named; the first report's time stays.
 */
export default defineAction({
  input: ActionSchemas.org.report,
  roles: ['party_member'],
  async run({ input, caller, rt }) {
    const communityId = requireCommunity(caller);
    const here = caller.membership;
    if (!here?.roles.includes('party_member')) throw new AppError('FORBIDDEN', '只有本社区的党员可以报到');
    const { townId } = await loadCommunity(rt, communityId);
    if (!(await rt.repos.org.partyBranchFor(communityId, townId, input.partyBranchId))) {
      throw new AppError('VALIDATION_FAILED', '本社区没有这个党组织', { fields: [{ path: 'partyBranchId', message: '本社区没有这个党组织' }] });
    }
    const now = rt.now();
    const next = { ...here, partyBranchId: input.partyBranchId, reportedAt: here.reportedAt ?? now };
    // Written with the branch, as org.roles does: a branch closed meanwhile takes nobody.
    const after = await rt.repos.inTransaction(async ({ org, users }) => {
      if (!(await org.updateOpenBranch(input.partyBranchId, now))) throw leanedOnClosed();
      return users.setMembership(caller.id, communityId, next, now);
    });
    if (!after) throw new AppError('NOT_FOUND', '本社区没有这位成员');
    userCache.forget(rt.repos, caller.id);
    return { member: memberOf(after, communityId, caller) };
  },
});
