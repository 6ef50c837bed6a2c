import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { collections } from '../../_core/store/collections';
import { requireSecretary, saveInCommunity, withId } from '../../_core/orgAccess';

export default defineAction({
  input: ActionSchemas.org.saveUnit,
  write: true,
  async run({ input, caller, rt }) {
    const communityId = requireSecretary(caller);
    const { id, ...fields } = input;
    const unit = await saveInCommunity(collections(rt.db).units, communityId, id, id ? fields : { ...fields, createdAt: rt.now() });
    return { unit: withId(unit) };
  },
});
