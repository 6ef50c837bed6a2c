import { ANNOUNCED_ACTIONS, announceEvent } from './announcements';
import { collections } from './collections';
import { messagesOfEvent } from './outbox';
import type { Runtime, WishEventDoc } from './types';

/**
 * How far back the repair looks. A step that tells nobody (no helper subscribed nearby, a
 * wish reviewed before its reminder) is looked at again on every tick until it leaves this window.
 */
export const REPAIR_WINDOW_MS = 30 * 60_000;
/** A step younger than this may still be announcing itself: not a crash yet. */
export const REPAIR_GRACE_MS = 60_000;
const WISHES_PER_TICK = 200;
const EVENTS_PER_TICK = 100;

/**
 * A step is written with its event, then announced (_core/apply.ts, then the action): a crash
 * in between loses the messages. This finds recent events without them and announces them
 * again, through the same announceEvent the actions use, so nothing is said twice. Returns the
 * messages it queued.
 */
export async function announceMissed(rt: Runtime): Promise<number> {
  const { wishes, messages } = collections(rt.db);
  const now = rt.now().getTime();
  const since = now - REPAIR_WINDOW_MS;
  const until = now - REPAIR_GRACE_MS;
  // Oldest first: under a burst, each step is looked at before it leaves the window.
  const recent = await wishes
    .find({ updatedAt: { $gte: new Date(since) } })
    .sort({ updatedAt: 1 })
    .limit(WISHES_PER_TICK)
    .toArray();
  // announceEvent writes all of an event's messages in one go, so one of them there means all of them.
  // One indexed range read per event: measured faster on the embedded server than one $or per wish.
  const announced = async (event: WishEventDoc): Promise<boolean> =>
    (await messages.findOne({ _id: messagesOfEvent(event.id) }, { projection: { _id: 1 } })) !== null;
  let looked = 0;
  let queued = 0;
  for (const wish of recent) {
    const steps = wish.events.filter((e) => e.id && ANNOUNCED_ACTIONS.has(e.action) && e.at.getTime() >= since && e.at.getTime() <= until);
    if (steps.length === 0) continue;
    const done = await Promise.all(steps.map(announced));
    for (const [i, event] of steps.entries()) {
      if (done[i]) continue;
      if (looked++ >= EVENTS_PER_TICK) return queued;
      queued += await announceEvent(rt, wish, event);
    }
  }
  return queued;
}
