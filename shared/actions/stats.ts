import * as z from 'zod';
import { Id, IsoDateTime, PageInput, startsBefore } from '../schemas/primitives';
import { MONTH_PATTERN } from '../time';

/** Optional time bounds (ISO), from < to when both given. */
const rangeFields = { from: IsoDateTime.optional(), to: IsoDateTime.optional() };
const fromBeforeTo = (r: { from?: string; to?: string }) => startsBefore(r.from, r.to);
const rangeRule = { message: '开始时间应早于结束时间', path: ['to'] };

/** town_admin may name a community under its town; others always read their own. */
const scope = { communityId: Id.optional() };

export const OverviewInput = z.strictObject({ ...scope, ...rangeFields }).refine(fromBeforeTo, rangeRule);
export const BreakdownBy = z.enum(['category', 'status', 'grid', 'channel', 'month', 'unit', 'party_branch']);
export const BreakdownInput = z.strictObject({ ...scope, by: BreakdownBy, ...rangeFields }).refine(fromBeforeTo, rangeRule);
export const LeaderboardInput = z
  .strictObject({
    ...scope,
    kind: z.enum(['volunteer', 'unit', 'party_branch']),
    metric: z.enum(['services', 'hours']).default('services'),
    limit: z.number().int().min(1).max(50).default(10),
    ...rangeFields,
  })
  .refine(fromBeforeTo, rangeRule);
/** The party tree with its numbers rolled up (楼栋党小组 → 小区党支部 → 社区党总支 → 镇党委), and 双报到 per unit. */
export const BranchesInput = z.strictObject({ ...scope, ...rangeFields }).refine(fromBeforeTo, rangeRule);
/** The public wall: realised (done or confirmed), non-sensitive wishes, newest first; owners and helpers masked or anonymous. */
export const WallInput = z.strictObject({ ...scope, ...PageInput });
export const ExportInput = z
  .strictObject({ ...scope, format: z.enum(['xlsx', 'csv']).default('xlsx'), ...rangeFields })
  .refine(fromBeforeTo, rangeRule);

/**
 * 统计看板's first read in one call: what stats.overview, breakdown (by month, category, grid), leaderboard (units,
 * volunteers) and branches answer for one scope and window.
 */
export const DashboardInput = z.strictObject({ ...scope, ...rangeFields }).refine(fromBeforeTo, rangeRule);

/** The street office's monthly report: one community, or (a town admin without `communityId`) the whole town. */
export const ReportInput = z.strictObject({ ...scope, month: z.string().regex(MONTH_PATTERN, '月份格式应为 YYYY-MM') });

export const StatsActions = {
  overview: OverviewInput,
  breakdown: BreakdownInput,
  leaderboard: LeaderboardInput,
  branches: BranchesInput,
  dashboard: DashboardInput,
  wall: WallInput,
  export: ExportInput,
  report: ReportInput,
} as const;
