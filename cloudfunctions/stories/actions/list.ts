import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { requireCommunity } from '../../_core/access/caller';
import { standingOf, viewOf } from './common';

/** The community's stories in every state, newest first: what the secretary drafts, awaits and publishes. */
export default defineAction({
  roles: ['secretary', 'grid_worker'],
  input: ActionSchemas.stories.list,
  async run({ input, caller, rt }) {
    const page = await rt.repos.stories.page(requireCommunity(caller), { cursor: input.cursor, limit: input.limit ?? 20 });
    return { items: await Promise.all(page.items.map((s) => viewOf(rt, s, standingOf(caller, s).viewer))), nextCursor: page.nextCursor };
  },
});
