import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { requireSecretary, withId } from '../../_core/access/orgAccess';

export default defineAction({
  input: ActionSchemas.org.saveCompound,
  async run({ input, caller, rt }) {
    const communityId = requireSecretary(caller);
    const { id, ...fields } = input;
    return { compound: withId(await rt.repos.org.saveCompound(communityId, id, fields)) };
  },
});
