import type { Category } from '../enums/categories';
import type { Channel } from '../enums/channels';
import type { WishState } from '../enums/wishStates';
import type { WishAction } from '../lifecycle/actions';
import { chinaDay } from '../points/rule';
import { chinaWallClock } from '../time';

/**
 * What every statistic counts, declared once. Each number is a sum of facts, and each fact is dated by the
 * event it comes from, so "completed in November" means the completion happened in November, whatever the
 * day the wish was posted. The dashboard (stats.overview, stats.breakdown, stats.leaderboard), the monthly
 * report, the certificates and the hours page all read these sums; the kept counters are these facts summed
 * per community and China day, and the rebuild recomputes them from here.
 *
 * - collected: a wish posted, on the day it was posted (in the community it is in now).
 * - approved: the wish approved, on the day of its approval.
 * - claimed: the wish taken on, on the day of its first claim or accepted assignment; a re-claim after a
 *   release or an expired lease, or a second helper of a 帮帮团 wish, does not count it again.
 * - completed: the wish done, on the day of the completion that made it done; a completion the resident
 *   disputed counts nothing, and the completion after the dispute counts on its own day.
 * - confirmed: the wish confirmed, by the resident or automatically, on that day.
 * - rated / ratingSum: the resident's rating, on the day it was given (the average is ratingSum / rated).
 * - services / hours: one service per helper per wish, with the hours it took, counted on the day the wish
 *   was confirmed, never at the helper's completion alone (a disputed completion's services are withdrawn).
 * - status (by `status`): the wishes posted on a day, by where each stands now.
 */
export const WishFields = ['collected', 'approved', 'claimed', 'completed', 'confirmed', 'rated', 'ratingSum'] as const;
export const ServiceFields = ['services', 'hours'] as const;
export type StatField = (typeof WishFields)[number] | (typeof ServiceFields)[number];

/**
 * What a number can be split by: `all` (key '_') is the whole; a wish's facts also by category, grid, channel
 * (and status: collected only); a service's by category, grid, the helper, their co-building unit and party branch,
 * and by branch and unit together (`branchUnit`, key branchUnitKey): the party tree counts a service once for each
 * of its branches, which the two splits apart cannot tell (stats.branches).
 */
export type StatDim = 'all' | 'category' | 'grid' | 'channel' | 'status' | 'helper' | 'unit' | 'branch' | 'branchUnit';
/** The key of a fact without a grid, unit or branch. */
export const NO_KEY = 'none';
export const ALL_KEY = '_';

/** The `branchUnit` key of a service: its party branch and its co-building unit, NO_KEY for either it has none of. */
export const branchUnitKey = (partyBranchId?: string | null, unitId?: string | null): string => `${partyBranchId ?? NO_KEY}|${unitId ?? NO_KEY}`;

/** The party branch and unit a `branchUnit` key names (undefined for none). */
export function branchUnitOf(key: string): { partyBranchId?: string; unitId?: string } {
  const [b, u] = key.split('|');
  return { ...(b && b !== NO_KEY ? { partyBranchId: b } : {}), ...(u && u !== NO_KEY ? { unitId: u } : {}) };
}

/** One counted fact: `n` of `field`, in `communityId`, at `at`, under `dim`/`key`. */
export interface StatFact {
  communityId: string;
  at: Date;
  dim: StatDim;
  key: string;
  field: StatField;
  n: number;
}

/** What of a wish its facts are read from (a stored wish has all of it). */
export interface CountedWish {
  communityId: string;
  category: Category;
  channel: Channel;
  gridId?: string;
  status: WishState;
  createdAt: Date;
  rating?: { stars: number; at: Date };
  events: readonly { action: WishAction; to: WishState; at: Date; communityId?: string }[];
}

/** What of a service record its facts are read from. */
export interface CountedService {
  communityId: string;
  userId: string;
  unitId?: string;
  partyBranchId?: string;
  /** The grid of its wish. */
  gridId?: string;
  category: Category;
  hours: number;
  confirmedAt?: Date;
}

/** The wish's facts, by the definitions above. */
export function wishFacts(w: CountedWish): StatFact[] {
  const facts: StatFact[] = [];
  const add = (communityId: string, at: Date, field: StatField, n = 1) => {
    facts.push({ communityId, at, dim: 'all', key: ALL_KEY, field, n });
    facts.push({ communityId, at, dim: 'category', key: w.category, field, n });
    facts.push({ communityId, at, dim: 'grid', key: w.gridId ?? NO_KEY, field, n });
    facts.push({ communityId, at, dim: 'channel', key: w.channel, field, n });
  };
  add(w.communityId, w.createdAt, 'collected');
  facts.push({ communityId: w.communityId, at: w.createdAt, dim: 'status', key: w.status, field: 'collected', n: 1 });
  let claimed = false;
  let completion: { at: Date; communityId: string } | null = null;
  let rating: { at: Date; communityId: string } | null = null;
  for (const e of w.events) {
    // An event is counted where it happened: a wish the town moved on keeps its earlier steps in the first community.
    const where = e.communityId ?? w.communityId;
    if (e.action === 'approve') add(where, e.at, 'approved');
    else if ((e.action === 'claim' || e.action === 'accept') && !claimed) {
      claimed = true;
      add(where, e.at, 'claimed');
    } else if (e.action === 'complete' && e.to === 'done') completion = { at: e.at, communityId: where };
    else if (e.action === 'dispute') completion = null;
    else if (e.action === 'confirm') add(where, e.at, 'confirmed');
    else if (e.action === 'rate') rating = { at: e.at, communityId: where };
  }
  if (completion) add(completion.communityId, completion.at, 'completed');
  if (rating && w.rating) {
    add(rating.communityId, rating.at, 'rated');
    add(rating.communityId, rating.at, 'ratingSum', w.rating.stars);
  }
  return facts;
}

/** The service's facts: nothing until its wish is confirmed. */
export function serviceFacts(s: CountedService): StatFact[] {
  if (!s.confirmedAt) return [];
  const at = s.confirmedAt;
  const keys: [StatDim, string][] = [
    ['all', ALL_KEY], ['category', s.category], ['grid', s.gridId ?? NO_KEY],
    ['helper', s.userId], ['unit', s.unitId ?? NO_KEY], ['branch', s.partyBranchId ?? NO_KEY],
    ['branchUnit', branchUnitKey(s.partyBranchId, s.unitId)],
  ];
  return keys.flatMap(([dim, key]) => [
    { communityId: s.communityId, at, dim, key, field: 'services' as const, n: 1 },
    { communityId: s.communityId, at, dim, key, field: 'hours' as const, n: s.hours },
  ]);
}

/** The China calendar day a fact is counted in, 'YYYY-MM-DD'. */
export const statDay = chinaDay;
/** The hour of its China day a fact is counted in, '00'–'23'. */
export const statHour = (at: Date): string => chinaWallClock(at).toISOString().slice(11, 13);

/** Sums per field, per key, per split: what a window's facts add up to. */
export type Tally = Partial<Record<StatDim, Record<string, Partial<Record<StatField, number>>>>>;

/** Adds `sign` × each fact into the tally. */
export function tallyFacts(facts: readonly StatFact[], sign: 1 | -1 = 1, into: Tally = {}): Tally {
  for (const f of facts) addTo(into, f.dim, f.key, f.field, sign * f.n);
  return into;
}

export function addTo(t: Tally, dim: StatDim, key: string, field: StatField, n: number): void {
  const keys = (t[dim] ??= {});
  const row = (keys[key] ??= {});
  row[field] = (row[field] ?? 0) + n;
}

/** Adds one tally into another. */
export function mergeTally(into: Tally, t: Tally): Tally {
  for (const [dim, keys] of Object.entries(t) as [StatDim, Record<string, Partial<Record<StatField, number>>>][]) {
    for (const [key, row] of Object.entries(keys)) {
      for (const [field, n] of Object.entries(row) as [StatField, number][]) addTo(into, dim, key, field, n);
    }
  }
  return into;
}

/** A field of a tally, 0 when nothing was counted. */
export function countOf(t: Tally, dim: StatDim, key: string, field: StatField): number {
  return t[dim]?.[key]?.[field] ?? 0;
}

/** Hours are sums of halves and tenths: compared and shown to a tenth, never with a float's tail. */
export const roundCount = (n: number): number => Math.round(n * 1e6) / 1e6;
