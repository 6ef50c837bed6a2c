import { ActionSchemas } from '@shared/actions';
import { requireCommunity } from '../../_core/access/caller';
import { keyViewOf } from '../../_core/open311/keys';
import { defineAction } from '../../_core/routing/action';

/** The community's Open311 keys, newest first, live and revoked: never the keys themselves. */
export default defineAction({
  input: ActionSchemas.open311.keys,
  roles: ['secretary'],
  async run({ caller, rt }) {
    const docs = await rt.repos.open311Keys.ofCommunity(requireCommunity(caller));
    const names = await rt.repos.users.names([...new Set(docs.map((d) => d.createdBy))]);
    return { keys: docs.map((d) => keyViewOf(d, names)) };
  },
});
