import type { BreakdownRow, LeaderRow, Overview } from './types';

/**
 * The stats replies are read defensively: the function may name its fields a little
 * differently (`count` or `value`, `key` or `_id`), and a dashboard that shows a dash
 * beats one that shows nothing.
 */
type Loose = Record<string, unknown>;

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : Number(v) || 0);
const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

function itemsOf(reply: unknown): Loose[] {
  if (Array.isArray(reply)) return reply as Loose[];
  const r = (reply ?? {}) as Loose;
  const list = r.items ?? r.rows ?? r.buckets ?? r.data;
  return Array.isArray(list) ? (list as Loose[]) : [];
}

export function toOverview(reply: unknown): Overview {
  const r = ((reply as Loose)?.overview ?? reply ?? {}) as Loose;
  const rating = r.avgRating;
  return {
    ...r,
    collected: num(r.collected),
    approved: num(r.approved),
    claimed: num(r.claimed),
    completed: num(r.completed),
    confirmed: num(r.confirmed),
    pendingReview: num(r.pendingReview),
    open: num(r.open),
    inProgress: num(r.inProgress),
    cancelled: num(r.cancelled),
    serviceCount: num(r.serviceCount),
    serviceHours: num(r.serviceHours),
    helpers: num(r.helpers),
    avgRating: rating === null || rating === undefined ? null : num(rating),
    ratedCount: num(r.ratedCount),
    communityIds: Array.isArray(r.communityIds) ? r.communityIds.map(str) : [],
    byStatus: (r.byStatus ?? {}) as Overview['byStatus'],
  };
}

export function toBreakdown(reply: unknown, labelOf: (key: string) => string = (k) => k): BreakdownRow[] {
  return itemsOf(reply).map((it) => {
    const key = str(it.key ?? it._id ?? it.id ?? it.month ?? it.category ?? it.gridId ?? it.name);
    const named = str(it.label ?? it.name ?? it.gridName);
    return { key, label: named || labelOf(key), count: num(it.collected ?? it.count ?? it.services ?? it.value ?? it.total) };
  });
}

export function toLeaders(reply: unknown): LeaderRow[] {
  return itemsOf(reply).map((it) => ({
    id: str(it.id ?? it._id ?? it.userId ?? it.unitId),
    name: str(it.name ?? it.label) || '未命名',
    value: num(it.value ?? it.services ?? it.count ?? it.hours),
  }));
}
