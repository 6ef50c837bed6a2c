import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { bankTown } from './common';

/** The town's books checked: every kept balance against the sum of its entries; holds left open on wishes already over. */
export default defineAction({
  roles: ['secretary', 'town_admin'],
  input: ActionSchemas.timebank.audit,
  async run({ caller, rt }) {
    return rt.repos.timebank.audit(bankTown(caller), (ids) => rt.repos.wishes.statusesOf(ids));
  },
});
