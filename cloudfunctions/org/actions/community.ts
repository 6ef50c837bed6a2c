import { AppError, settingsOf } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';

/** My community (a town admin may name one of the town's), its town and settings. */
export default defineAction({
  input: ActionSchemas.org.community,
  async run({ input, caller, rt }) {
    const { communities } = rt.repos;
    const id = input.communityId ?? caller.communityId;
    if (!id) {
      if (!caller.townId) throw new AppError('FORBIDDEN', '请先通过邀请码加入社区');
      const list = await communities.ofTown(caller.townId);
      const town = await communities.town(caller.townId);
      return { community: null, town: town && { id: town._id, name: town.name }, communities: list.map((c) => ({ id: c._id, name: c.name })) };
    }
    const community = await communities.find(id);
    const mine = id === caller.communityId || (caller.roles.includes('town_admin') && community?.townId === caller.townId);
    if (!community || !mine) throw new AppError('NOT_FOUND', '社区不存在');
    const town = await communities.town(community.townId);
    const { _id, settings, ...rest } = community;
    return { community: { id: _id, ...rest, settings: settingsOf(settings) }, town: town && { id: town._id, name: town.name } };
  },
});
