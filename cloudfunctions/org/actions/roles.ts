import { AppError } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { rolesChanged } from '../../_core/access/sessions';
import { memberOf, requireSecretary } from '../../_core/access/orgAccess';
import type { MembershipDoc } from '../../_core/store/types';
import { loadCommunity } from '../../_core/store/loadCommunity';
import { afterMembershipChange } from '../../_core/wishes/vacate';
import { leanedOnClosed } from '../branches';

/**
 * The secretary grants a member's roles (and grids, unit, party branch) in the community. Taking a unit's last admin
 * away (the role, or moving them to another unit) sends what waits dispatched to that unit back to the queue, as a
 * 停用 of them would (`afterMembershipChange`); the reply says how many (`vacated`).
 */
export default defineAction({
  input: ActionSchemas.org.roles,
  async run({ input, caller, rt, identity }) {
    const communityId = requireSecretary(caller);
    const { users, org } = rt.repos;
    const { townId } = await loadCommunity(rt, communityId);
    // Every id the membership will carry names something of this community (or its town's committee):
    // another community's unit, grid or branch would open that community's work, or count our service there.
    const checks: [path: string, message: string, ok: Promise<boolean> | boolean][] = [
      ['unitId', '本社区没有这个单位', !input.unitId || org.unit(communityId, input.unitId).then(Boolean)],
      ['gridIds', '包含不属于本社区的网格', !input.gridIds?.length || org.allGridsOf(communityId, input.gridIds)],
      ['partyBranchId', '本社区没有这个党组织', !input.partyBranchId || org.partyBranchFor(communityId, townId, input.partyBranchId).then(Boolean)],
      ['buildingId', '本社区没有这个楼栋', !input.buildingId || org.building(communityId, input.buildingId).then(Boolean)],
    ];
    const held = await Promise.all(checks.map(([, , ok]) => ok));
    const fields = checks.filter((_, i) => !held[i]).map(([path, message]) => ({ path, message }));
    if (fields.length) throw new AppError('VALIDATION_FAILED', `输入有误：${fields.map((f) => f.message).join('；')}`, { fields });
    const user = await users.memberOf(communityId, input.userId);
    if (!user) throw new AppError('NOT_FOUND', '本社区没有这位成员');
    const current = user.memberships.find((m) => m.communityId === communityId)!;
    if (input.userId === caller.id && !input.roles.includes('secretary')) throw new AppError('CONFLICT', '不能撤销自己的书记角色');
    const next: MembershipDoc = { ...current, roles: input.roles };
    for (const key of ['unitId', 'partyBranchId', 'buildingId'] as const) {
      const v = input[key];
      if (v === null) delete next[key];
      else if (v !== undefined) next[key] = v;
    }
    if (input.gridIds) next.gridIds = input.gridIds;
    const now = rt.now();
    // Put in a branch, the member and the branch are written together: a branch closed meanwhile takes nobody (shared/org).
    const branchId = input.partyBranchId;
    const after = branchId
      ? await rt.repos.inTransaction(async (repos) => {
        if (!(await repos.org.updateOpenBranch(branchId, now))) throw leanedOnClosed();
        return repos.users.setMembership(input.userId, communityId, next, now);
      })
      : await users.setMembership(input.userId, communityId, next, now);
    const vacated = await afterMembershipChange(rt, input.userId, communityId, current, after!.memberships.find((m) => m.communityId === communityId), caller);
    await rolesChanged(rt, input.userId, identity);
    return { member: memberOf(after!, communityId, caller), vacated };
  },
});
