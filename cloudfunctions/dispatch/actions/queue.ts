import { AppError } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { requireCommunity } from '../../_core/access/caller';
import { wishView } from '../../_core/wishes/views';

const RANK = { urgent: 0, high: 1, normal: 2 } as const;

/** The review queue: a secretary sees the community, a grid worker their grids. Urgent first. */
export default defineAction({
  input: ActionSchemas.dispatch.queue,
  roles: ['secretary', 'grid_worker'],
  async run({ input, caller, rt }) {
    const communityId = requireCommunity(caller);
    const secretary = caller.roles.includes('secretary');
    let grids = secretary ? undefined : (caller.membership?.gridIds ?? []);
    if (input.gridId) {
      // Narrowing only: a grid worker reads their own grids, a secretary any grid of the community.
      const mine = secretary ? Boolean(await rt.repos.org.grid(communityId, input.gridId)) : grids!.includes(input.gridId);
      if (!mine) throw new AppError('FORBIDDEN', '只能查看您负责的网格');
      grids = [input.gridId];
    }
    const page = await rt.repos.wishes.queue(communityId, grids, { status: input.status, cursor: input.cursor, limit: input.limit ?? 20 });
    const views = page.items.map((w) => wishView(w, caller));
    views.sort((a, b) => RANK[a.priority] - RANK[b.priority]);
    return { items: views, nextCursor: page.nextCursor };
  },
});
