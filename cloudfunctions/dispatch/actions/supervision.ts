import { AppError } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { requireCommunity } from '../../_core/access/caller';
import { supervisionActsOf } from '../../_core/wishes/supervision';
import { wishView } from '../../_core/wishes/views';

/** 督办事项: the community's wishes the town has urged, reassigned here or dispatched, still waiting; a grid worker's of their grids. */
export default defineAction({
  input: ActionSchemas.dispatch.supervision,
  roles: ['secretary', 'grid_worker'],
  async run({ input, caller, rt }) {
    const communityId = requireCommunity(caller);
    const grids = caller.roles.includes('secretary') ? undefined : (caller.membership?.gridIds ?? []);
    if (grids && grids.length === 0) throw new AppError('FORBIDDEN', '您还没有负责的网格');
    const page = await rt.repos.wishes.supervised(communityId, grids, { cursor: input.cursor, limit: input.limit ?? 20 });
    return { items: page.items.map((w) => ({ wish: wishView(w, caller), acts: supervisionActsOf(w.events) })), nextCursor: page.nextCursor };
  },
});
