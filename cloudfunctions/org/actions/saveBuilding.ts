import { AppError } from '@shared';
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
    if (input.gridId && !(await org.grid(communityId, input.gridId))) {
      throw new AppError('VALIDATION_FAILED', '网格不存在', { fields: [{ path: 'gridId', message: '本社区没有这个网格' }] });
    }
    const { id, gridId, ...rest } = input;
    const fields = { ...rest, ...(gridId ? { gridId } : {}) };
    const building = await org.saveBuilding(communityId, id, fields, gridId === null ? ['gridId'] : []);
    return { building: withId(building) };
  },
});
