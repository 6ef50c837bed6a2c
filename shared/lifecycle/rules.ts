import { NUDGE_INTERVAL_MS } from './nudge';
import type { CommunitySettings } from '../schemas/settings';
import { toMillis, type Instant } from '../schemas/primitives';
import type { WishState } from '../enums/wishStates';
import type { Claim, EscalationLevel, Wish } from '../schemas/wish';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function leaseDurationMs(settings: Pick<CommunitySettings, 'leaseHours'>): number {
  return settings.leaseHours * HOUR;
}

/** A fresh lease starts now: claiming and extending both give a full lease. */
export function leaseUntil(now: Date, settings: Pick<CommunitySettings, 'leaseHours'>): Date {
  return new Date(now.getTime() + leaseDurationMs(settings));
}

export function isLeaseExpired(claim: Pick<Claim, 'leaseUntil'>, now: Date): boolean {
  return toMillis(claim.leaseUntil) <= now.getTime();
}

/** States in which some claim may still be waiting to start, so leases can bind. */
const LEASED_STATES = new Set(['open', 'claimed', 'in_progress']);

/** A lease binds a claim only until its helper starts: work under way never expires. */
export function isLeased(claim: Pick<Claim, 'startedAt'>): boolean {
  return claim.startedAt === undefined;
}

export function expiredClaims(wish: Pick<Wish, 'status' | 'claims'>, now: Date): Claim[] {
  if (!LEASED_STATES.has(wish.status)) return [];
  return wish.claims.filter((c) => isLeased(c) && isLeaseExpired(c, now));
}

/**
 * Slots: a wish has `helpersNeeded` places. Each live claim holds `slots` of
 * them (1 for a volunteer; a unit claim or an accepted assignment takes every
 * place free at that moment). Released and expired claims leave `claims`, so
 * their places are free again.
 */
export function slotsTaken(wish: Pick<Wish, 'claims'>): number {
  return wish.claims.reduce((sum, c) => sum + c.slots, 0);
}

export function slotsFree(wish: Pick<Wish, 'claims' | 'helpersNeeded'>): number {
  return Math.max(0, wish.helpersNeeded - slotsTaken(wish));
}

/**
 * Where the helpers stand, as a wish state: `open` while a place is free (others may still
 * join, and those who claimed already work on their own part), else `claimed` until someone
 * starts, `in_progress` once someone has, `done` when every claim is finished.
 */
export function placesState(wish: Pick<Wish, 'claims' | 'helpersNeeded'>): Extract<WishState, 'open' | 'claimed' | 'in_progress' | 'done'> {
  if (slotsFree(wish) > 0) return 'open';
  if (wish.claims.every((c) => c.completedAt !== undefined)) return 'done';
  return wish.claims.some((c) => c.startedAt !== undefined) ? 'in_progress' : 'claimed';
}

export function canExtend(claim: Pick<Claim, 'extensions'>, settings: Pick<CommunitySettings, 'maxExtensions'>): boolean {
  return claim.extensions < settings.maxExtensions;
}

/** The places a member holds and has not finished: claimed by them, or their unit's handed to them. */
export function workOf(wish: Pick<Wish, 'claims'>, memberId: string): Claim[] {
  return wish.claims.filter((c) => c.completedAt === undefined && (c.assigneeId === memberId || (c.kind === 'user' && c.claimerId === memberId)));
}

/** Whether the wish waits, dispatched, for this person (or, with kind 'unit', this unit) to accept it. */
export function dispatchedTo(wish: Pick<Wish, 'assignment'>, id: string, kind: 'user' | 'unit' = 'user'): boolean {
  return wish.assignment?.target.kind === kind && wish.assignment.target.id === id;
}

/** Waiting for a helper: open in the pool, or dispatched but not yet accepted. */
const WAITING_STATES = new Set(['open', 'assigned']);

type EscalationSettings = Pick<CommunitySettings, 'escalateToSecretaryHours' | 'escalateToTownHours' | 'urgentEscalateMinutes'>;

/** How long a wish may wait before each level hears of it: minutes when urgent, hours otherwise. */
export function escalationDelaysMs(priority: Wish['priority'] | undefined, settings: EscalationSettings): { secretary: number; town: number } {
  if (priority === 'urgent') return { secretary: settings.urgentEscalateMinutes * MINUTE, town: 2 * settings.urgentEscalateMinutes * MINUTE };
  return { secretary: settings.escalateToSecretaryHours * HOUR, town: settings.escalateToTownHours * HOUR };
}

/**
 * The escalation a waiting wish is due now, if any: unclaimed past the secretary's delay →
 * 'secretary', past the town's → 'town' (escalationDelaysMs). Each level is raised once; the
 * clock restarts when the wish re-opens.
 */
export function escalationDue(
  wish: Pick<Wish, 'status' | 'createdAt'> & Partial<Pick<Wish, 'openedAt' | 'escalation' | 'priority'>>,
  settings: EscalationSettings,
  now: Date,
): EscalationLevel | null {
  if (!WAITING_STATES.has(wish.status)) return null;
  const since = toMillis(wish.openedAt ?? wish.createdAt);
  const waited = now.getTime() - since;
  const level = wish.escalation?.level;
  const delay = escalationDelaysMs(wish.priority, settings);
  if (level !== 'town' && waited >= delay.town) return 'town';
  if (level === undefined && waited >= delay.secretary) return 'secretary';
  return null;
}

/**
 * Stalled (the grid map's 超时未认领): waiting for a helper past the community's limit, escalated
 * already or due to be at the timer's next tick (`escalationDue`).
 */
export function isStalled(
  wish: Pick<Wish, 'status' | 'createdAt'> & Partial<Pick<Wish, 'openedAt' | 'escalation' | 'priority'>>,
  settings: EscalationSettings,
  now: Date,
): boolean {
  if (!WAITING_STATES.has(wish.status)) return false;
  return wish.escalation !== undefined || escalationDue(wish, settings, now) !== null;
}

export { NUDGE_INTERVAL_MS, NUDGE_STATES, nudgeDueAt } from './nudge';

/**
 * How long a claim or a dispatch may sit with nobody starting before staff see it as stalled (停滞, which they may
 * 收回): the day a resident waits before they may 催一催 (nudge.ts).
 */
export const HOLD_STALLED_MS = NUDGE_INTERVAL_MS;

const HOLDING_STATES = new Set(['open', 'assigned', 'claimed']);

type HoldFacts = Pick<Wish, 'status' | 'claims'> & Partial<Pick<Wish, 'assignment'>>;

/**
 * Since when the wish has sat with its holders, nobody having started: the latest claim or dispatch (anything new
 * restarts the wait). Null when nobody holds it or someone is at work.
 */
export function heldSince(wish: HoldFacts): Date | null {
  if (!HOLDING_STATES.has(wish.status) || wish.claims.some((c) => c.startedAt !== undefined)) return null;
  const times = [...wish.claims.map((c) => toMillis(c.claimedAt)), ...(wish.assignment ? [toMillis(wish.assignment.at)] : [])];
  return times.length > 0 ? new Date(Math.max(...times)) : null;
}

/** Why staff screens mark a wish stalled: waiting for a helper past the limits (`isStalled`), or held a day unstarted. */
export type Stall = 'unclaimed' | 'unstarted';

export function stallOf(
  wish: HoldFacts & Pick<Wish, 'createdAt'> & Partial<Pick<Wish, 'openedAt' | 'escalation' | 'priority'>>,
  settings: EscalationSettings,
  now: Date,
): Stall | null {
  const since = heldSince(wish);
  if (since !== null) return now.getTime() - since.getTime() >= HOLD_STALLED_MS ? 'unstarted' : null;
  return wish.claims.length === 0 && isStalled(wish, settings, now) ? 'unclaimed' : null;
}

export function autoConfirmDue(
  wish: Pick<Wish, 'status'> & Partial<Pick<Wish, 'doneAt' | 'updatedAt'>>,
  settings: Pick<CommunitySettings, 'autoConfirmDays'>,
  now: Date,
): boolean {
  if (wish.status !== 'done') return false;
  const doneAt: Instant | undefined = wish.doneAt ?? wish.updatedAt;
  if (doneAt === undefined) return false;
  return now.getTime() - toMillis(doneAt) >= settings.autoConfirmDays * DAY;
}

/** What a recall event keeps (effects.ts `recall`): its reason as the note, those it was taken from in meta. */
interface RecallFacts {
  action: string;
  note?: string;
  at: Instant;
  actor: { kind: 'system' } | { kind: 'user'; userId: string };
  meta?: Record<string, string>;
}

/**
 * The 收回 that took this wish from this person (or from a unit they administer), when nothing they did since
 * followed it: their start or finish, refused because staff took the wish back, is told why rather than 无权.
 */
export function recalledFrom(events: readonly RecallFacts[], userId: string, unitIds: readonly string[] = []): { reason: string; at: Instant } | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (e.actor.kind === 'user' && e.actor.userId === userId) return undefined;
    if (e.action !== 'recall') continue;
    const people = (e.meta?.claimerIds ?? '').split(',');
    const unit = e.meta?.recalledUnitId;
    if (people.includes(userId) || (unit !== undefined && unitIds.includes(unit))) return { reason: e.note ?? '', at: e.at };
  }
  return undefined;
}
