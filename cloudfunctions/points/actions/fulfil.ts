import { AppError } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { DESK_ROLES, redemptionAtDesk, redemptionView, staffCommunity } from './common';

/** The item is handed over against its code: good once (a second scan is told when it was used), never after a cancel. */
export default defineAction({
  roles: DESK_ROLES,
  input: ActionSchemas.points.fulfil,
  async run({ input, caller, rt }) {
    const found = await redemptionAtDesk(rt, input.code, staffCommunity(caller, DESK_ROLES));
    const settled = await rt.repos.store.settle(found._id, 'fulfilled', caller.id, rt.now());
    if (!settled) {
      const now = await rt.repos.store.redemption(found._id);
      throw new AppError('CONFLICT', now?.status === 'fulfilled' ? '该兑换码已核销，不能重复领取' : '该兑换已取消');
    }
    return { redemption: redemptionView(settled, caller) };
  },
});
