import { NO_KEY, roundCount, type Tally } from '@shared';

/** Who a leaderboard ranks, as the counters split services. */
export const LEADER_DIM = { volunteer: 'helper', unit: 'unit', party_branch: 'branch' } as const;
export type LeaderKind = keyof typeof LEADER_DIM;

/**
 * The top `limit` helpers, units or party branches of a tally by services or hours (ties by id); services of no unit
 * or branch left out. One ranking for the dashboard's leaderboard and the monthly report.
 */
export function leadersOf(t: Tally, kind: LeaderKind, metric: 'services' | 'hours', limit: number): { id: string; services: number; hours: number }[] {
  return Object.entries(t[LEADER_DIM[kind]] ?? {})
    .filter(([id, r]) => id !== NO_KEY && roundCount(r.services ?? 0) > 0)
    .map(([id, r]) => ({ id, services: roundCount(r.services ?? 0), hours: Math.round((r.hours ?? 0) * 10) / 10 }))
    .sort((a, b) => b[metric] - a[metric] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, limit);
}
