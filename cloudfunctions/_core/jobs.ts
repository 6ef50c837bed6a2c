import { AppError, autoConfirmDue, escalationDue, expiredClaims, settingsOf, type CommunitySettings } from '@shared';
import { announceConfirmed, announceEscalated, announceLeaseExpired } from './announcements';
import { collections } from './collections';
import { drainOutbox, type DrainResult } from './outbox';
import { dropClaim } from './dropClaim';
import type { Runtime, WishDoc } from './types';
import { transit } from './wishStore';

const BATCH = 500;
const SYSTEM = { kind: 'system' } as const;

/** Lost races are expected here (another tick, a person acting): skip, the next tick looks again. */
function raced(err: unknown): boolean {
  return err instanceof AppError && (err.code === 'CONFLICT' || err.code === 'INVALID_TRANSITION' || err.code === 'NOT_FOUND');
}

async function settingsByCommunity(rt: Runtime): Promise<Map<string, CommunitySettings>> {
  const communities = await collections(rt.db).communities.find({}, { projection: { settings: 1 } }).toArray();
  return new Map(communities.map((c) => [c._id, settingsOf(c.settings)]));
}

export async function expireLeases(rt: Runtime): Promise<number> {
  const now = rt.now();
  const due = await collections(rt.db).wishes.find({ status: 'claimed', 'claims.leaseUntil': { $lte: now } }).limit(BATCH).toArray();
  let expired = 0;
  for (let wish of due) {
    for (const claim of expiredClaims(wish as never, now) as unknown as WishDoc['claims']) {
      try {
        const r = await dropClaim(rt, wish, claim, 'expire', SYSTEM, '认领超时，心愿已退回', now);
        wish = r.wish;
        expired++;
        await announceLeaseExpired(rt, r.wish, r.event, claim.claimerId);
      } catch (err) {
        if (!raced(err)) throw err;
        break;
      }
    }
  }
  return expired;
}

export async function escalate(rt: Runtime, settings: Map<string, CommunitySettings>): Promise<number> {
  const now = rt.now();
  const minHours = Math.min(...[...settings.values()].map((s) => s.escalateToSecretaryHours), 24);
  const waiting = await collections(rt.db)
    .wishes.find({ status: { $in: ['open', 'assigned'] }, openedAt: { $lte: new Date(now.getTime() - minHours * 3600_000) }, 'escalation.level': { $ne: 'town' } })
    .limit(BATCH)
    .toArray();
  let raised = 0;
  for (const wish of waiting) {
    const s = settings.get(wish.communityId);
    const level = s && escalationDue(wish as never, s, now);
    if (!level) continue;
    try {
      const { wish: after, event } = await transit(rt, {
        wish, from: [wish.status], to: wish.status, action: 'escalate', actor: SYSTEM, now, meta: { level },
        // The level seen must still be there: two ticks at once raise it once.
        filter: wish.escalation ? { 'escalation.level': wish.escalation.level } : { escalation: { $exists: false } },
        update: { $set: { escalation: { level, at: now } } },
      });
      raised++;
      await announceEscalated(rt, after, event, level);
    } catch (err) {
      if (!raced(err)) throw err;
    }
  }
  return raised;
}

export async function autoConfirm(rt: Runtime, settings: Map<string, CommunitySettings>): Promise<number> {
  const now = rt.now();
  const minDays = Math.min(...[...settings.values()].map((s) => s.autoConfirmDays), 3);
  const due = await collections(rt.db)
    .wishes.find({ status: 'done', doneAt: { $lte: new Date(now.getTime() - minDays * 86_400_000) } })
    .limit(BATCH)
    .toArray();
  let confirmed = 0;
  for (const wish of due) {
    const s = settings.get(wish.communityId);
    if (!s || !autoConfirmDue(wish as never, s, now)) continue;
    try {
      const { wish: after, event } = await transit(rt, {
        wish, from: ['done'], to: 'confirmed', action: 'confirm', actor: SYSTEM, now, note: `${s.autoConfirmDays} 天未确认，系统自动确认`,
        meta: { auto: 'true' }, update: { $set: { confirmedAt: now } },
      });
      confirmed++;
      await announceConfirmed(rt, after, event);
    } catch (err) {
      if (!raced(err)) throw err;
    }
  }
  return confirmed;
}

export type Job = 'leases' | 'escalation' | 'autoConfirm' | 'outbox';
export interface TickResult { expired: number; escalated: number; autoConfirmed: number; outbox: DrainResult | null; at: Date }

export async function runJobs(rt: Runtime, jobs: Job[]): Promise<TickResult> {
  const settings = await settingsByCommunity(rt);
  const has = (j: Job) => jobs.includes(j);
  return {
    expired: has('leases') ? await expireLeases(rt) : 0,
    escalated: has('escalation') ? await escalate(rt, settings) : 0,
    autoConfirmed: has('autoConfirm') ? await autoConfirm(rt, settings) : 0,
    outbox: has('outbox') ? await drainOutbox(rt) : null,
    at: rt.now(),
  };
}
