import { call } from '../../../services/api';
import { CategoryLabels, isCategory } from '@shared/enums';
import { toBreakdown, toLeaders, toOverview } from './normalize';
import { useLoad } from './useLoad';
import type { BreakdownRow, LeaderRow, Overview } from './types';

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

  const overview = useLoad<Overview>(() => call<unknown>('stats', 'overview', args).then(toOverview), key);
  const charts = useLoad<Charts>(async () => {
    const breakdown = (by: string, label?: (k: string) => string) =>
      settled(call<unknown>('stats', 'breakdown', { ...args, by }).then((r) => toBreakdown(r, label)));
    const leaders = (kind: string) =>
      settled(call<unknown>('stats', 'leaderboard', { ...args, kind, limit: 5 }).then(toLeaders));
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
