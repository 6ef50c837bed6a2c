import { AppError } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { requireCommunity } from '../../_core/access/caller';
import { memberOf } from '../../_core/access/orgAccess';


/** The community's people: the secretary sees all, a unit admin their unit's members (to hand work to). */
export default defineAction({
  input: ActionSchemas.org.members,
  roles: ['secretary', 'grid_worker', 'unit_admin'],
  async run({ input, caller, rt }) {
    const communityId = requireCommunity(caller);
    let unitId = input.unitId;
    if (!caller.roles.includes('secretary') && !caller.roles.includes('grid_worker')) {
      unitId = caller.membership?.unitId;
      if (!unitId) throw new AppError('FORBIDDEN', '您没有查看成员的权限');
    }
    const page = await rt.repos.users.members(communityId, { role: input.role, unitId, gridId: input.gridId, q: input.q, cursor: input.cursor, limit: input.limit ?? 20 });
    return { items: page.items.map((u) => memberOf(u, communityId, caller)), nextCursor: page.nextCursor };
  },
});
