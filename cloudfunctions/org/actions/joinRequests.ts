import type { Filter } from 'mongodb';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import type { JoinRequestDoc } from '../../_core/types';
import { collections } from '../../_core/store/collections';
import { nextCursor, pageFilter } from '../../_core/page';
import { communityNames, requestView, staffScope } from '../membership';

/** Join requests, newest first: the secretary's community, a town admin's town, or else only my own. */
export default defineAction({
  input: ActionSchemas.org.joinRequests,
  async run({ input, caller, rt }) {
    const limit = input.limit ?? 20;
    const scope = await staffScope(rt, caller, input.communityId);
    const filter: Filter<JoinRequestDoc> = scope
      ? { communityId: { $in: scope } }
      : { userId: caller.id, ...(input.communityId ? { communityId: input.communityId } : {}) };
    if (input.status) filter.status = input.status;
    const docs = await collections(rt.db)
      .joinRequests.find({ ...filter, ...pageFilter<JoinRequestDoc>(input.cursor) })
      .sort({ _id: -1 })
      .limit(limit)
      .toArray();
    const names = await communityNames(rt, docs.map((d) => d.communityId));
    return { items: docs.map((d) => requestView(d, caller, names.get(d.communityId))), nextCursor: nextCursor(docs, limit) };
  },
});
