import { AppError, autoConfirmDue, escalationDue, settingsOf, type CommunitySettings } from '@shared';
import { announceEvent } from '../notify/announcements';
import { applyAction } from '../wishes/apply';
import { announceMissed } from '../notify/missedAnnouncements';
import { drainOutbox, type DrainResult } from '../notify/outbox';
import { repairEmptiedUnits, repairSweeps } from '../wishes/vacate';
import type { Runtime } from '../runtime/types';
import type { WishDoc } from '../store/types';
import type { CronJobName } from '@shared/actions/cron';

const BATCH = 500;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Lost races are expected here (another tick, a person acting): skip, the next tick looks again. */
function raced(err: unknown): boolean {
  return err instanceof AppError && ['CONFLICT', 'INVALID_TRANSITION', 'NOT_FOUND', 'ALREADY_CLAIMED'].includes(err.code);
}

async function settingsByCommunity(rt: Runtime): Promise<Map<string, CommunitySettings>> {
  const stored = await rt.repos.communities.allSettings();
  return new Map([...stored].map(([id, settings]) => [id, settingsOf(settings)]));
}

/** Runs one timer step on a wish; a lost race is not an error. */
async function step(rt: Runtime, wish: WishDoc, action: 'expire' | 'escalate' | 'confirm', settings: CommunitySettings) {
  try {
    return await applyAction(rt, { wish, action, caller: null, settings });
  } catch (err) {
    if (raced(err)) return null;
    throw err;
  }
}

export async function expireLeases(rt: Runtime, settings: Map<string, CommunitySettings>): Promise<number> {
  const now = rt.now();
  const due = await rt.repos.wishes.dueLeases(now, BATCH);
  let expired = 0;
  for (const wish of due) {
    const s = settings.get(wish.communityId);
    const r = s && (await step(rt, wish, 'expire', s));
    if (!r) continue;
    const gone = (r.event.meta?.claimerIds ?? '').split(',').filter(Boolean);
    expired += gone.length;
    await announceEvent(rt, r.wish, r.event);
  }
  return expired;
}

export async function escalate(rt: Runtime, settings: Map<string, CommunitySettings>): Promise<number> {
  const now = rt.now();
  const all = [...settings.values()];
  const before = (ms: number) => new Date(now.getTime() - ms);
  // Candidates: never escalated and past the first limit, or escalated once and past the second.
  // Urgent wishes are fetched on their own, shorter limits so hours-long waits can't crowd them out of a batch.
  const normal = await rt.repos.wishes.dueEscalations(
    before(Math.min(...all.map((s) => s.escalateToSecretaryHours), 24) * HOUR),
    before(Math.min(...all.map((s) => s.escalateToTownHours), 72) * HOUR),
    BATCH,
  );
  const urgentMinutes = Math.min(...all.map((s) => s.urgentEscalateMinutes), 15);
  const urgent = await rt.repos.wishes.dueEscalations(before(urgentMinutes * MINUTE), before(2 * urgentMinutes * MINUTE), BATCH, { priority: 'urgent' });
  const waiting = [...new Map([...urgent, ...normal].map((w) => [w._id, w])).values()];
  let raised = 0;
  for (const wish of waiting) {
    const s = settings.get(wish.communityId);
    if (!s || !escalationDue(wish, s, now)) continue;
    const r = await step(rt, wish, 'escalate', s);
    if (!r) continue;
    raised++;
    await announceEvent(rt, r.wish, r.event);
  }
  return raised;
}

export async function autoConfirm(rt: Runtime, settings: Map<string, CommunitySettings>): Promise<number> {
  const now = rt.now();
  const minDays = Math.min(...[...settings.values()].map((s) => s.autoConfirmDays), 3);
  const due = await rt.repos.wishes.doneBefore(new Date(now.getTime() - minDays * 24 * HOUR), BATCH);
  let confirmed = 0;
  for (const wish of due) {
    const s = settings.get(wish.communityId);
    if (!s || !autoConfirmDue(wish, s, now)) continue;
    const r = await step(rt, wish, 'confirm', s);
    if (!r) continue;
    confirmed++;
    await announceEvent(rt, r.wish, r.event);
  }
  return confirmed;
}

export type Job = CronJobName;
export interface TickResult {
  expired: number; escalated: number; autoConfirmed: number;
  /** Wishes a deactivated member still held (their deactivation's sweep was cut short), or that waited for a unit nobody answers for, sent back to the pool. */
  vacated: number;
  /** Messages of recent steps found missing (a crash after the step) and queued again. */
  reannounced: number;
  sent: number; outbox: DrainResult | null; at: Date;
}

export async function runJobs(rt: Runtime, jobs: Job[]): Promise<TickResult> {
  const settings = await settingsByCommunity(rt);
  const has = (j: Job) => jobs.includes(j);
  const expired = has('leases') ? await expireLeases(rt, settings) : 0;
  const escalated = has('escalation') ? await escalate(rt, settings) : 0;
  const autoConfirmed = has('autoConfirm') ? await autoConfirm(rt, settings) : 0;
  // Before the outbox, so the residents and staff it tells hear in this same tick.
  const vacated = has('deactivations') ? (await repairSweeps(rt)) + (await repairEmptiedUnits(rt)) : 0;
  // Messages a crash kept from being written go in first, so this same drain sends them.
  const reannounced = has('outbox') ? await announceMissed(rt) : 0;
  const outbox = has('outbox') ? await drainOutbox(rt) : null;
  return { expired, escalated, autoConfirmed, vacated, reannounced, sent: outbox?.sent ?? 0, outbox, at: rt.now() };
}
