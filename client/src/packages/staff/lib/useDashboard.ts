import type { ActionInput, ActionReply } from '@shared/actions';
import { CategoryLabels, isCategory } from '@shared/vocab';
import { call } from '../../../services/api';
import { useRemote } from '../../../hooks/useRemote';

/** stats.overview as the dashboard reads it. */
export type Overview = ActionReply<'stats', 'overview'>;
/** One bar of a breakdown: `key` is a category, grid id, or 'YYYY-MM'. */
export type BreakdownRow = ActionReply<'stats', 'breakdown'>['rows'][number];
/** One row of a leaderboard: services and hours. */
export type LeaderRow = ActionReply<'stats', 'leaderboard'>['rows'][number];

export interface Scope {
  communityId?: string;
  from?: string;
}

export interface Charts {
  /** null: that one chart failed; the rest of the dashboard still shows. */
  byMonth: BreakdownRow[] | null;
  byCategory: BreakdownRow[] | null;
  byGrid: BreakdownRow[] | null;
  topUnits: LeaderRow[] | null;
  topVolunteers: LeaderRow[] | null;
}

/** How many a leaderboard shows (the dashboard keeps that many rows free while it loads). */
export const LeaderboardSize = 5;

const categoryName = (key: string) => (isCategory(key) ? CategoryLabels[key] : key || '其他');

function settled<T>(p: Promise<T>): Promise<T | null> {
  return p.then(
    (v) => v,
    () => null,
  );
}

/** The headline numbers decide the page state; charts load beside them and fail one by one. */
export function useDashboard(scope: Scope) {
  const key = [scope.communityId ?? '', scope.from ?? ''];
  const args = { ...(scope.communityId ? { communityId: scope.communityId } : {}), ...(scope.from ? { from: scope.from } : {}) };

  const overview = useRemote(() => call('stats', 'overview', args), key);
  const charts = useRemote<Charts>(async () => {
    // The server names what it can; a row it could not name keeps a readable label here.
    const breakdown = (by: ActionInput<'stats', 'breakdown'>['by'], label: (k: string) => string = (k) => k) =>
      settled(call('stats', 'breakdown', { ...args, by }).then((r) => r.rows.map((row) => ({ ...row, label: row.label || label(row.key) }))));
    const leaders = (kind: ActionInput<'stats', 'leaderboard'>['kind']) =>
      settled(call('stats', 'leaderboard', { ...args, kind, limit: LeaderboardSize }).then((r) => r.rows));
    const [byMonth, byCategory, byGrid, topUnits, topVolunteers] = await Promise.all([
      breakdown('month'),
      breakdown('category', categoryName),
      breakdown('grid', (k) => k || '未划分网格'),
      leaders('unit'),
      leaders('volunteer'),
    ]);
    return { byMonth, byCategory, byGrid, topUnits, topVolunteers };
  }, key);
  return { overview, charts };
}
