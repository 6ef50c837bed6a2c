import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { namesOf } from '../../_core/access/people';
import { inviteView, staffScope } from '../membership';

/**
 * The community's invite codes with their state, newest first. The secretary sees every
 * code, a unit admin or grid worker those they made, a town admin reads a town community's.
 * Active and used-up differ only by a count, so that last cut is made after reading.
 * A town admin only reads: its codes come masked, so it cannot redeem one and promote itself.
 */
export default defineAction({
  input: ActionSchemas.org.listInvites,
  roles: ['secretary', 'unit_admin', 'grid_worker', 'town_admin'],
  async run({ input, caller, rt }) {
    const now = rt.now();
    const scope = await staffScope(rt, caller, input.communityId);
    const page = await rt.repos.invites.page(
      scope ? { communityIds: scope } : { communityId: caller.communityId ?? '', createdBy: caller.id },
      input.state,
      now,
      { cursor: input.cursor, limit: input.limit ?? 20 },
    );
    const names = await namesOf(rt, page.items.map((d) => d.createdBy));
    const townReader = !(caller.communityId && caller.roles.includes('secretary')) && caller.roles.includes('town_admin');
    const items = page.items.map((d) => inviteView(d, now, names, townReader)).filter((i) => !input.state || i.state === input.state);
    return { items, nextCursor: page.nextCursor };
  },
});
