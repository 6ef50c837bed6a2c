import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';

/** A helper sets their own duty hours; urgent and nearby announcements follow them. */
export default defineAction({
  input: ActionSchemas.org.setDuty,
  roles: ['volunteer', 'party_member', 'unit_admin'],
  async run({ input, caller, rt }) {
    await rt.repos.duty.set(caller.id, input, rt.now());
    return { duty: input };
  },
});
