import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { requireCommunity } from '../../_core/access/caller';
import { withId } from '../../_core/access/orgAccess';
import { staffScope } from '../../_core/access/staffScope';

export default defineAction({
  input: ActionSchemas.org.grids,
  async run({ caller, rt }) {
    // A town admin belongs to no community: theirs are the town's grids, which the cards of their 全部心愿 and
    // 超时预警 name (asking for "my community's" refused them, and each of those screens logged a 403).
    const communityIds = !caller.communityId && caller.roles.includes('town_admin')
      ? (await staffScope(rt, caller, undefined)).communityIds
      : [requireCommunity(caller)];
    const items = (await Promise.all(communityIds.map((id) => rt.repos.org.grids(id)))).flat();
    return { items: items.map(withId), ...(rt.config.mapTiles ? { tiles: rt.config.mapTiles } : {}) };
  },
});
