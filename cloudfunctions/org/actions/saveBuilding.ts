import { AppError } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { collections } from '../../_core/store/collections';
import { requireSecretary, saveInCommunity, withId } from '../../_core/orgAccess';

export default defineAction({
  input: ActionSchemas.org.saveBuilding,
  write: true,
  async run({ input, caller, rt }) {
    const communityId = requireSecretary(caller);
    const { compounds, grids, buildings } = collections(rt.db);
    if (!(await compounds.findOne({ _id: input.compoundId, communityId }))) {
      throw new AppError('VALIDATION_FAILED', '小区不存在', { fields: [{ path: 'compoundId', message: '本社区没有这个小区' }] });
    }
    if (input.gridId && !(await grids.findOne({ _id: input.gridId, communityId }))) {
      throw new AppError('VALIDATION_FAILED', '网格不存在', { fields: [{ path: 'gridId', message: '本社区没有这个网格' }] });
    }
    const { id, gridId, ...rest } = input;
    const fields = { ...rest, ...(gridId ? { gridId } : {}) };
    const building = await saveInCommunity(buildings, communityId, id, fields, gridId === null ? { gridId: '' } : {});
    return { building: withId(building) };
  },
});
