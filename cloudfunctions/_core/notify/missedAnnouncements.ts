import { ANNOUNCED_ACTIONS, announceEvent } from './announcements';
import type { Runtime } from '../runtime/types';
import type { WishEventDoc } from '../store/types';

/** How far back the very first repair looks, before any tick has recorded how far it got. */
export const REPAIR_WINDOW_MS = 30 * 60_000;
/** A step younger than this may still be announcing itself: not a crash yet. */
export const REPAIR_GRACE_MS = 60_000;
/** After a longer outage, older steps are no longer news: the repair starts here. */
const REPAIR_HORIZON_MS = 7 * 24 * 3600_000;
const WISHES_PER_TICK = 200;
const EVENTS_PER_TICK = 100;
/** The meta record of how far the repair has checked every step. */
const CHECKED = 'announcements-checked';

/**
 * A step is written with its event, then announced (_core/apply.ts, then the action): a crash
 * in between loses the messages. This finds events without them and announces them again,
 * through the same announceEvent the actions use, so nothing is said twice. It goes on from
 * where the last tick got to (a stopped timer, a long outage: nothing is skipped) and records
 * how far it got; returns the messages it queued.
 */
export async function announceMissed(rt: Runtime): Promise<number> {
  const { wishes, messages, meta } = rt.repos;
  const now = rt.now().getTime();
  const until = now - REPAIR_GRACE_MS;
  const checked = (await meta.find(CHECKED))?.at.getTime() ?? now - REPAIR_WINDOW_MS;
  const since = Math.max(checked, now - REPAIR_HORIZON_MS);
  // Oldest first, so the record can move past exactly what was looked at. A step is on a wish
  // updated at or after it, so every unchecked step is on a wish updated since the record.
  const recent = await wishes.changedSince(new Date(since), WISHES_PER_TICK);
  // One read per event: measured faster on the embedded server than one $or per wish.
  const announced = (event: WishEventDoc): Promise<boolean> => messages.anyOfEvent(event.id);
  // Up to where every step has been looked at: `until`, or the first wish this tick did not finish.
  let reached = recent.length === WISHES_PER_TICK ? Math.min(until, recent[recent.length - 1].updatedAt.getTime()) : until;
  let looked = 0;
  let queued = 0;
  scan: for (const wish of recent) {
    const steps = wish.events.filter((e) => e.id && ANNOUNCED_ACTIONS.has(e.action) && e.at.getTime() >= since && e.at.getTime() <= until);
    if (steps.length === 0) continue;
    const done = await Promise.all(steps.map(announced));
    for (const [i, event] of steps.entries()) {
      if (done[i]) continue;
      if (looked++ >= EVENTS_PER_TICK) {
        reached = Math.min(until, wish.updatedAt.getTime());
        break scan;
      }
      queued += await announceEvent(rt, wish, event);
    }
  }
  // Two ticks at once each record what they themselves looked at, and the record never goes back.
  await meta.advance(CHECKED, new Date(reached), 'checked');
  return queued;
}
