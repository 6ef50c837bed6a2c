import { AppError } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { userCache } from '../../_core/caller';
import { collections } from '../../_core/collections';
import { memberOf, requireSecretary } from '../../_core/orgAccess';
import type { MembershipDoc } from '../../_core/types';

/** The secretary grants a member's roles (and grids, unit, party branch) in the community. */
export default defineAction({
  input: ActionSchemas.org.roles,
  write: true,
  async run({ input, caller, rt }) {
    const communityId = requireSecretary(caller);
    const { users, units, grids } = collections(rt.db);
    if (input.unitId && !(await units.findOne({ _id: input.unitId, communityId }))) {
      throw new AppError('VALIDATION_FAILED', '单位不存在', { fields: [{ path: 'unitId', message: '本社区没有这个单位' }] });
    }
    if (input.gridIds?.length && (await grids.countDocuments({ _id: { $in: input.gridIds }, communityId })) !== input.gridIds.length) {
      throw new AppError('VALIDATION_FAILED', '网格不存在', { fields: [{ path: 'gridIds', message: '包含不属于本社区的网格' }] });
    }
    const user = await users.findOne({ _id: input.userId, 'memberships.communityId': communityId });
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
    const after = await users.findOneAndUpdate(
      { _id: input.userId, 'memberships.communityId': communityId },
      { $set: { 'memberships.$': next, updatedAt: rt.now() } },
      { returnDocument: 'after' },
    );
    userCache.forget(rt.db, input.userId);
    return { member: memberOf(after!, communityId, caller) };
  },
});
