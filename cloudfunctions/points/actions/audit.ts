import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { staffCommunity } from './common';

/** The books checked: every kept balance of the community against the sum of its ledger entries. */
export default defineAction({
  roles: ['secretary'],
  input: ActionSchemas.points.audit,
  async run({ caller, rt }) {
    return rt.repos.ledger.audit(staffCommunity(caller, ['secretary']));
  },
});
