import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { requireCommunity } from '../../_core/caller';
import { collections } from '../../_core/store/collections';
import { withId } from '../../_core/orgAccess';

export default defineAction({
  input: ActionSchemas.org.compounds,
  async run({ caller, rt }) {
    const items = await collections(rt.db).compounds.find({ communityId: requireCommunity(caller) }).sort({ name: 1 }).toArray();
    return { items: items.map(withId) };
  },
});
