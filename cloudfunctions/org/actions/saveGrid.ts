import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { collections } from '../../_core/store/collections';
import { requireMember, requireSecretary, saveInCommunity, withId } from '../../_core/orgAccess';

export default defineAction({
  input: ActionSchemas.org.saveGrid,
  write: true,
  async run({ input, caller, rt }) {
    const communityId = requireSecretary(caller);
    const { grids, buildings, users } = collections(rt.db);
    if (input.gridWorkerId) await requireMember(users as never, communityId, input.gridWorkerId, 'gridWorkerId');
    const fields = { name: input.name, ...(input.gridWorkerId ? { gridWorkerId: input.gridWorkerId } : {}), ...(input.buildingIds ? { buildingIds: input.buildingIds } : {}) };
    const grid = await saveInCommunity(grids, communityId, input.id, input.id ? fields : { buildingIds: [], ...fields }, input.gridWorkerId === null ? { gridWorkerId: '' } : {});
    if (input.buildingIds) {
      await buildings.updateMany({ communityId, gridId: grid._id, _id: { $nin: input.buildingIds } }, { $unset: { gridId: '' } });
      await buildings.updateMany({ communityId, _id: { $in: input.buildingIds } }, { $set: { gridId: grid._id } });
    }
    return { grid: withId(grid) };
  },
});
