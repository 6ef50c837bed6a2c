import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { communityNames, requestView, staffScope } from '../membership';

/** Join requests, newest first: the secretary's community, a town admin's town, or else only my own. */
export default defineAction({
  input: ActionSchemas.org.joinRequests,
  async run({ input, caller, rt }) {
    const scope = await staffScope(rt, caller, input.communityId);
    const page = await rt.repos.joinRequests.page(scope ? { communityIds: scope } : { userId: caller.id, communityId: input.communityId }, input.status, {
      cursor: input.cursor,
      limit: input.limit ?? 20,
    });
    const names = await communityNames(rt, page.items.map((d) => d.communityId));
    return { items: page.items.map((d) => requestView(d, caller, names.get(d.communityId))), nextCursor: page.nextCursor };
  },
});
