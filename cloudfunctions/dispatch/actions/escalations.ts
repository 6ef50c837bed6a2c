import { ActionSchemas } from '@shared/actions';
import { AppError } from '@shared';
import { defineAction } from '../../_core/routing/action';
import { supervisionActsOf } from '../../_core/wishes/supervision';
import { wishView } from '../../_core/wishes/views';

/** Wishes still waiting for a helper past the community's limits, the secretary's or the town's, with the town's 督办 on each. */
export default defineAction({
  input: ActionSchemas.dispatch.escalations,
  roles: ['secretary', 'town_admin'],
  async run({ input, caller, rt }) {
    let scope: { communityId: string } | { townId: string };
    if (caller.roles.includes('secretary') && caller.communityId) scope = { communityId: caller.communityId };
    else if (caller.townId) scope = { townId: caller.townId };
    else throw new AppError('FORBIDDEN', '您没有查看上报的权限');
    const page = await rt.repos.wishes.escalated(scope, input.level, { cursor: input.cursor, limit: input.limit ?? 20 });
    const timelines = await rt.repos.wishes.supervisedEvents(page.items.map((w) => w._id));
    const supervision = Object.fromEntries([...timelines].map(([id, events]) => [id, supervisionActsOf(events)]));
    return { items: page.items.map((w) => wishView(w, caller)), nextCursor: page.nextCursor, supervision };
  },
});
