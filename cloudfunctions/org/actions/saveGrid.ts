import { AppError } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { requireMember, requireSecretary, withId } from '../../_core/access/orgAccess';

export default defineAction({
  input: ActionSchemas.org.saveGrid,
  async run({ input, caller, rt }) {
    const communityId = requireSecretary(caller);
    if (input.gridWorkerId) await requireMember(rt, communityId, input.gridWorkerId, 'gridWorkerId');
    // The grid lists only the community's buildings: a foreign id would sit in the list, counted and shown, and be nobody's.
    if (input.buildingIds?.length && !(await rt.repos.org.allBuildingsOf(communityId, input.buildingIds))) {
      throw new AppError('VALIDATION_FAILED', '楼栋不存在', { fields: [{ path: 'buildingIds', message: '包含不属于本社区的楼栋' }] });
    }
    const fields = { name: input.name, ...(input.gridWorkerId ? { gridWorkerId: input.gridWorkerId } : {}), ...(input.buildingIds ? { buildingIds: input.buildingIds } : {}) };
    const grid = await rt.repos.org.saveGrid(communityId, input.id, input.id ? fields : { buildingIds: [], ...fields }, input.gridWorkerId === null ? ['gridWorkerId'] : []);
    if (input.buildingIds) await rt.repos.org.setGridBuildings(communityId, grid._id, input.buildingIds);
    return { grid: withId(grid) };
  },
});
