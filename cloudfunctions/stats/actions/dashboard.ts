import type { z } from 'zod';
import { DashboardLeaders } from '@shared/vocab/dashboard';
import { ActionSchemas } from '@shared/actions';
import { defineAction, type ActionContext, type UserAction } from '../../_core/routing/action';
import branches from './branches';
import breakdown from './breakdown';
import leaderboard from './leaderboard';
import overview from './overview';

/**
 * 统计看板's first read: the headline numbers, the trend, the category and grid charts, the two leaderboards and the
 * party tree, for one scope and window, in one reply. Each part is the action of its name run on the same input
 * (its own scope check, counters and labels), so the dashboard never says other than the separate reads.
 * Why one call: on a phone each request costs the page a fetch and a render of its own, and seven of them were the
 * dashboard's longest work after start-up; one reply is one render, and index.html can ask for it before the app's
 * scripts arrive (client/config/earlyCalls.ts).
 */
export default defineAction({
  input: ActionSchemas.stats.dashboard,
  // The narrowest of its parts' (stats.branches; breakdown checks the same people inside; overview and leaderboard are any member's).
  roles: branches.roles,
  async run(ctx) {
    const { input } = ctx;
    const [totals, byMonth, byCategory, byGrid, topUnits, topVolunteers, tree] = await Promise.all([
      part(ctx, overview, input),
      part(ctx, breakdown, { ...input, by: 'month' }),
      part(ctx, breakdown, { ...input, by: 'category' }),
      part(ctx, breakdown, { ...input, by: 'grid' }),
      part(ctx, leaderboard, { ...input, kind: 'unit', limit: DashboardLeaders }),
      part(ctx, leaderboard, { ...input, kind: 'volunteer', limit: DashboardLeaders }),
      part(ctx, branches, input),
    ]);
    return {
      overview: totals,
      byMonth: byMonth.rows,
      byCategory: byCategory.rows,
      byGrid: byGrid.rows,
      topUnits: topUnits.rows,
      topVolunteers: topVolunteers.rows,
      branches: tree,
    };
  },
});

/** One part: another action of stats, its input parsed by its own schema (defaults filled in) as the router would. */
function part<S extends z.ZodType, O>(ctx: ActionContext<unknown>, action: UserAction<S, O>, data: z.input<S>): Promise<O> {
  return action.run({ ...ctx, input: action.input.parse(data) });
}
