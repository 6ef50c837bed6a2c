import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { requireCommunity } from '../../_core/access/caller';
import { withId } from '../../_core/access/orgAccess';

export default defineAction({
  input: ActionSchemas.org.grids,
  async run({ caller, rt }) {
    const items = await rt.repos.org.grids(requireCommunity(caller));
    return { items: items.map(withId), ...(rt.config.mapTiles ? { tiles: rt.config.mapTiles } : {}) };
  },
});
