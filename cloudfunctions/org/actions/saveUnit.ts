import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { requireSecretary, withId } from '../../_core/access/orgAccess';

export default defineAction({
  input: ActionSchemas.org.saveUnit,
  async run({ input, caller, rt }) {
    const communityId = requireSecretary(caller);
    const { id, ...fields } = input;
    const unit = await rt.repos.org.saveUnit(communityId, id, id ? fields : { ...fields, createdAt: rt.now() });
    return { unit: withId(unit) };
  },
});
