import { AppError } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { userCache } from '../../_core/access/caller';
import { memberOf, requireSecretary } from '../../_core/access/orgAccess';
import type { MembershipDoc } from '../../_core/store/types';

/** The secretary grants a member's roles (and grids, unit, party branch) in the community. */
export default defineAction({
  input: ActionSchemas.org.roles,
  async run({ input, caller, rt }) {
    const communityId = requireSecretary(caller);
    const { users, org } = rt.repos;
    if (input.unitId && !(await org.unit(communityId, input.unitId))) {
      throw new AppError('VALIDATION_FAILED', '单位不存在', { fields: [{ path: 'unitId', message: '本社区没有这个单位' }] });
    }
    if (input.gridIds?.length && !(await org.allGridsOf(communityId, input.gridIds))) {
      throw new AppError('VALIDATION_FAILED', '网格不存在', { fields: [{ path: 'gridIds', message: '包含不属于本社区的网格' }] });
    }
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
    const after = await users.setMembership(input.userId, communityId, next, rt.now());
    userCache.forget(rt.repos, input.userId);
    return { member: memberOf(after!, communityId, caller) };
  },
});
