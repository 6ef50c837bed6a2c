import { AppError, withinRing } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { requireSecretary, withId } from '../../_core/access/orgAccess';

export default defineAction({
  input: ActionSchemas.org.saveBuilding,
  async run({ input, caller, rt }) {
    const communityId = requireSecretary(caller);
    const { org } = rt.repos;
    if (!(await org.compound(communityId, input.compoundId))) {
      throw new AppError('VALIDATION_FAILED', '小区不存在', { fields: [{ path: 'compoundId', message: '本社区没有这个小区' }] });
    }
    const grid = input.gridId ? await org.grid(communityId, input.gridId) : null;
    if (input.gridId && !grid) {
      throw new AppError('VALIDATION_FAILED', '网格不存在', { fields: [{ path: 'gridId', message: '本社区没有这个网格' }] });
    }
    const stored = input.id ? await org.building(communityId, input.id) : null;
    if (input.id && !stored) throw new AppError('NOT_FOUND', '记录不存在');
    // Either side may change: the building moved within its stored grid, or put in a grid where it stands. Outside
    // the grid's outline, the map would draw its wishes in another grid's area (saveGrid checks the other way round).
    const inGrid = input.gridId === null ? null : (grid ?? (stored?.gridId ? await org.grid(communityId, stored.gridId) : null));
    const location = input.location ?? stored?.location;
    if (inGrid?.boundary && location && !withinRing(location.coordinates, inGrid.boundary)) {
      throw new AppError('VALIDATION_FAILED', `楼栋位置不在「${inGrid.name}」的边界内`, {
        fields: [{ path: input.location ? 'location' : 'gridId', message: `楼栋位置应在「${inGrid.name}」的边界内，请调整位置或所属网格` }],
      });
    }
    const { id, gridId, ...rest } = input;
    const fields = { ...rest, ...(gridId ? { gridId } : {}) };
    const building = await org.saveBuilding(communityId, id, fields, gridId === null ? ['gridId'] : []);
    return { building: withId(building) };
  },
});
