import { AppError } from '@shared';
import { ActionSchemas } from '@shared/actions';
import type { Filter } from 'mongodb';
import { defineAction } from '../../_core/action';
import { requireCommunity } from '../../_core/caller';
import { collections } from '../../_core/collections';
import { memberOf } from '../../_core/orgAccess';
import { nextCursor, pageFilter } from '../../_core/page';
import type { UserDoc } from '../../_core/types';

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The community's people: the secretary sees all, a unit admin their unit's members (to hand work to). */
export default defineAction({
  input: ActionSchemas.org.members,
  roles: ['secretary', 'grid_worker', 'unit_admin'],
  async run({ input, caller, rt }) {
    const communityId = requireCommunity(caller);
    const limit = input.limit ?? 20;
    let unitId = input.unitId;
    if (!caller.roles.includes('secretary') && !caller.roles.includes('grid_worker')) {
      unitId = caller.membership?.unitId;
      if (!unitId) throw new AppError('FORBIDDEN', '您没有查看成员的权限');
    }
    const m: Record<string, unknown> = { communityId };
    if (input.role) m.roles = input.role;
    if (unitId) m.unitId = unitId;
    if (input.gridId) m.gridIds = input.gridId;
    const filter: Filter<UserDoc> = { memberships: { $elemMatch: m }, ...pageFilter<UserDoc>(input.cursor) };
    if (input.q) filter.name = { $regex: escapeRegex(input.q) };
    const users = await collections(rt.db)
      .users.find(filter, { projection: { name: 1, phone: 1, memberships: 1 } })
      .sort({ _id: -1 })
      .limit(limit)
      .toArray();
    return { items: users.map((u) => memberOf(u, communityId, caller)), nextCursor: nextCursor(users, limit) };
  },
});
