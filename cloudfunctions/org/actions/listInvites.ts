import type { Filter } from 'mongodb';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { nextCursor, pageFilter } from '../../_core/page';
import { namesOf } from '../../_core/people';
import { inviteCollection, inviteView, staffScope, type RevocableInviteDoc } from '../membership';

/**
 * The community's invite codes with their state, newest first. The secretary sees every
 * code, a unit admin or grid worker those they made, a town admin reads a town community's.
 * Active and used-up differ only by a count, so that last cut is made after reading.
 */
export default defineAction({
  input: ActionSchemas.org.listInvites,
  roles: ['secretary', 'unit_admin', 'grid_worker', 'town_admin'],
  async run({ input, caller, rt }) {
    const now = rt.now();
    const limit = input.limit ?? 20;
    const scope = await staffScope(rt, caller, input.communityId);
    const filter: Filter<RevocableInviteDoc> = scope
      ? { communityId: { $in: scope } }
      : { communityId: caller.communityId ?? '', createdBy: caller.id };
    if (input.state === 'revoked') filter.revokedAt = { $exists: true };
    if (input.state === 'expired') Object.assign(filter, { revokedAt: { $exists: false }, expiresAt: { $lte: now } });
    if (input.state === 'active' || input.state === 'used_up') Object.assign(filter, { revokedAt: { $exists: false }, expiresAt: { $gt: now } });
    const docs = await inviteCollection(rt)
      .find({ ...filter, ...pageFilter<RevocableInviteDoc>(input.cursor) })
      .sort({ _id: -1 })
      .limit(limit)
      .toArray();
    const names = await namesOf(rt, docs.map((d) => d.createdBy));
    const items = docs.map((d) => inviteView(d, now, names)).filter((i) => !input.state || i.state === input.state);
    return { items, nextCursor: nextCursor(docs, limit) };
  },
});
