import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { DESK_ROLES, redemptionAtDesk, redemptionView, staffCommunity } from './common';

/** The desk reads a code (typed, or scanned from the helper's QR): what it is for, whose, and whether it is still good. */
export default defineAction({
  roles: DESK_ROLES,
  input: ActionSchemas.points.lookup,
  async run({ input, caller, rt }) {
    const r = await redemptionAtDesk(rt, input.code, staffCommunity(caller, DESK_ROLES));
    return { redemption: redemptionView(r, caller) };
  },
});
