import type { ActionReply } from '@shared/actions';
import { CategoryLabels, isCategory } from '@shared/vocab';
import { DashboardLeaders } from '@shared/vocab/dashboard';
import { call } from '../../../services/api';
import { useRemote } from '../../../hooks/useRemote';

/** stats.overview as the dashboard reads it. */
export type Overview = ActionReply<'stats', 'overview'>;
/** One bar of a breakdown: `key` is a category, grid id, or 'YYYY-MM'. */
export type BreakdownRow = ActionReply<'stats', 'breakdown'>['rows'][number];
/** One row of a leaderboard: services and hours. */
export type LeaderRow = ActionReply<'stats', 'leaderboard'>['rows'][number];
/** Everything the dashboard shows, from its one read (stats.dashboard). */
export type DashboardData = ActionReply<'stats', 'dashboard'>;

export interface Scope {
  communityId?: string;
  from?: string;
}

/** How many a leaderboard shows (the dashboard keeps that many rows free while it loads). */
export const LeaderboardSize = DashboardLeaders;

const categoryName = (key: string) => (isCategory(key) ? CategoryLabels[key] : key || '其他');

/**
 * The whole dashboard in one read (stats.dashboard): one request and one render, where seven requests each answered
 * into a render of their own; index.html asks for the first one before the app's scripts arrive (earlyCalls.ts).
 */
export function useDashboard(scope: Scope) {
  const args = { ...(scope.communityId ? { communityId: scope.communityId } : {}), ...(scope.from ? { from: scope.from } : {}) };
  return useRemote(async (): Promise<DashboardData> => {
    const reply = await call('stats', 'dashboard', args);
    // The server names what it can; a row it could not name keeps a readable label here.
    const named = (rows: BreakdownRow[], label: (k: string) => string) => rows.map((row) => (row.label ? row : { ...row, label: label(row.key) }));
    return {
      ...reply,
      byMonth: named(reply.byMonth, (k) => k),
      byCategory: named(reply.byCategory, categoryName),
      byGrid: named(reply.byGrid, (k) => k || '未划分网格'),
    };
  }, [scope.communityId ?? '', scope.from ?? '']);
}
