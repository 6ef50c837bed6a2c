import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';

/** My duty hours and whether urgent wishes reach me at once. */
export default defineAction({
  input: ActionSchemas.org.myDuty,
  roles: ['volunteer', 'party_member', 'unit_admin'],
  async run({ caller, rt }) {
    return { duty: await rt.repos.duty.of(caller.id) };
  },
});
