import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { requireMember, requireSecretary, withId } from '../../_core/access/orgAccess';

export default defineAction({
  input: ActionSchemas.org.saveGrid,
  async run({ input, caller, rt }) {
    const communityId = requireSecretary(caller);
    if (input.gridWorkerId) await requireMember(rt, communityId, input.gridWorkerId, 'gridWorkerId');
    const fields = { name: input.name, ...(input.gridWorkerId ? { gridWorkerId: input.gridWorkerId } : {}), ...(input.buildingIds ? { buildingIds: input.buildingIds } : {}) };
    const grid = await rt.repos.org.saveGrid(communityId, input.id, input.id ? fields : { buildingIds: [], ...fields }, input.gridWorkerId === null ? ['gridWorkerId'] : []);
    if (input.buildingIds) await rt.repos.org.setGridBuildings(communityId, grid._id, input.buildingIds);
    return { grid: withId(grid) };
  },
});
