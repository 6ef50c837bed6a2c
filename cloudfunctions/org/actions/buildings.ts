import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { requireCommunity } from '../../_core/caller';
import { collections } from '../../_core/store/collections';
import { withId } from '../../_core/orgAccess';

/** Residents pick their building when posting; the grid follows from it. */
export default defineAction({
  input: ActionSchemas.org.buildings,
  async run({ input, caller, rt }) {
    const filter = { communityId: requireCommunity(caller), ...(input.compoundId ? { compoundId: input.compoundId } : {}) };
    const items = await collections(rt.db).buildings.find(filter).sort({ name: 1 }).toArray();
    return { items: items.map(withId) };
  },
});
