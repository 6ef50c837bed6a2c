import { AppError, unitEntryOf } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { withId } from '../../_core/access/orgAccess';
import { actorFor } from '../../_core/access/wishAccess';

/** The town- and county-level co-building units of the town's communities: whom the town's 督办 may dispatch to. */
export default defineAction({
  input: ActionSchemas.dispatch.townUnits,
  roles: ['town_admin'],
  async run({ caller, rt }) {
    const townId = caller.townId;
    if (!townId) throw new AppError('FORBIDDEN', '您不是镇街管理员');
    const communities = await rt.repos.communities.ofTown(townId);
    const names = new Map(communities.map((c) => [c._id, c.name]));
    const units = await rt.repos.org.townLevelUnits([...names.keys()]);
    const items = [];
    for (const u of units) {
      const viewer = actorFor(caller, { communityId: u.communityId, townId });
      items.push({ ...unitEntryOf(withId(u), viewer), communityName: names.get(u.communityId) ?? '', hasPeople: await rt.repos.users.unitCanAccept(u.communityId, u._id) });
    }
    return { items };
  },
});
