import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { requireCommunity } from '../../_core/access/caller';
import { withId } from '../../_core/access/orgAccess';

/** Residents pick their building when posting; the grid follows from it. */
export default defineAction({
  input: ActionSchemas.org.buildings,
  async run({ input, caller, rt }) {
    const items = await rt.repos.org.buildings(requireCommunity(caller), input.compoundId);
    return { items: items.map(withId) };
  },
});
