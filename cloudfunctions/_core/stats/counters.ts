import { mergeTally, serviceFacts, statDay, statHour, tallyFacts, wishFacts, chinaWallClock, type StatDim, type StatFact, type Tally } from '@shared';
import type { Repositories } from '../store/repositories';
import type { Range } from '../store/range';
import type { ServiceDoc, WishDoc } from '../store/types';

/**
 * Keeping the statistics (shared/stats) as they happen: each write of a wish or of its services adds what it
 * changed in their facts to the counters once that write has committed (`afterCommit`: every write of a community
 * touches its day's counters, so inside the transactions they would all conflict with each other); a window reads
 * the counters of its whole days, the hour counters of the whole hours of a day it starts or ends inside, and counts
 * only the minutes before and after those from the events themselves.
 */

/** The facts a write changed: those of the wish after, less those of the wish before (nothing before an insert). */
export function wishChange(before: WishDoc | null, after: WishDoc): StatFact[] {
  return [...wishFacts(after), ...(before ? wishFacts(before).map(negate) : [])];
}

const negate = (f: StatFact): StatFact => ({ ...f, n: -f.n });

/** Counts a wish written (inserted when `before` is null), once the write's transaction commits. */
export async function countWish(repos: Repositories, before: WishDoc | null, after: WishDoc): Promise<void> {
  const facts = wishChange(before, after);
  await repos.afterCommit((r) => r.statCounters.add(facts));
}

/** Counts services confirmed (+1) or withdrawn after confirmation (-1), once the write's transaction commits. */
export async function countServices(repos: Repositories, services: readonly ServiceDoc[], sign: 1 | -1): Promise<void> {
  const facts = services.flatMap(serviceFacts);
  await repos.afterCommit((r) => r.statCounters.add(facts, sign));
}

const CHINA_DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const startOfDay = (day: string) => new Date(`${day}T00:00:00+08:00`);
const isMidnight = (at: Date) => chinaWallClock(at).getTime() % CHINA_DAY_MS === 0;
const nextDay = (day: string) => statDay(new Date(startOfDay(day).getTime() + CHINA_DAY_MS));

/** An interval of instants, from inclusive, to exclusive. */
interface Interval { from: Date; to: Date }

/** Whole hours of a part of a day (China hours fall on UTC hours): their days and hours, and the minutes around them. */
function splitHours(part: Interval): { hours: Map<string, string[]>; rest: Interval[] } {
  const first = Math.ceil(part.from.getTime() / HOUR_MS) * HOUR_MS;
  const end = Math.floor(part.to.getTime() / HOUR_MS) * HOUR_MS;
  if (first >= end) return { hours: new Map(), rest: [part] };
  const hours = new Map<string, string[]>();
  for (let t = first; t < end; t += HOUR_MS) {
    const at = new Date(t);
    const day = statDay(at);
    hours.set(day, [...(hours.get(day) ?? []), statHour(at)]);
  }
  const rest = [{ from: part.from, to: new Date(first) }, { from: new Date(end), to: part.to }].filter((r) => r.from < r.to);
  return { hours, rest };
}

/**
 * The numbers of these communities over a window, split by `dims`: its whole China days from the counters; of a day
 * it starts or ends inside (a window from 09:30), the whole hours from the day's hour counters and the minutes
 * around them from the wishes' events and services.
 */
export async function tallyOf(repos: Repositories, communityIds: string[], range: Range, dims: readonly StatDim[]): Promise<Tally> {
  const from = range.from ? new Date(range.from) : undefined;
  const to = range.to ? new Date(range.to) : undefined;
  const firstDay = from ? (isMidnight(from) ? statDay(from) : nextDay(statDay(from))) : undefined;
  const endDay = to ? statDay(to) : undefined;
  const parts: Interval[] = [];
  const reads: Promise<Tally>[] = [];
  if (from && to && firstDay! >= endDay!) parts.push({ from, to });
  else {
    reads.push(repos.statCounters.sum(communityIds, { from: firstDay, to: endDay }, dims));
    if (from && !isMidnight(from)) parts.push({ from, to: startOfDay(firstDay!) });
    if (to && !isMidnight(to)) parts.push({ from: startOfDay(endDay!), to });
  }
  for (const part of parts) {
    const { hours, rest } = splitHours(part);
    for (const [day, list] of hours) reads.push(repos.statCounters.sumHours(communityIds, day, list, dims));
    for (const minutes of rest) reads.push(tallyFromEvents(repos, communityIds, minutes, dims));
  }
  const total: Tally = {};
  for (const t of await Promise.all(reads)) mergeTally(total, t);
  return total;
}

/** What the counters would hold for part of a day, counted from the wishes and services themselves. */
async function tallyFromEvents(repos: Repositories, communityIds: string[], part: Interval, dims: readonly StatDim[]): Promise<Tally> {
  const [wishes, services] = await Promise.all([repos.wishes.countedIn(communityIds, part), repos.services.confirmedBetween(communityIds, part)]);
  const ids = new Set(communityIds);
  const wanted = new Set(dims);
  const facts = [...wishes.flatMap(wishFacts), ...services.flatMap(serviceFacts)].filter(
    (f) => ids.has(f.communityId) && wanted.has(f.dim) && f.at >= part.from && f.at < part.to,
  );
  return tallyFacts(facts);
}
