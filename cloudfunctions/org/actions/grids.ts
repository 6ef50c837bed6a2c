import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { requireCommunity } from '../../_core/caller';
import { withId } from '../../_core/orgAccess';

export default defineAction({
  input: ActionSchemas.org.grids,
  async run({ caller, rt }) {
    const items = await rt.repos.org.grids(requireCommunity(caller));
    return { items: items.map(withId) };
  },
});
