import { activityPage } from '@shared/routes';
import { formatChinaDateTime } from '@shared';
import { announce } from '../notify/outbox';
import { newId } from '../store/ids';
import type { Runtime } from '../runtime/types';
import type { ActivityDoc } from '../store/activities';

/** Those still coming: signed up or already checked in (not those who withdrew, nor those gone home). */
async function comingTo(rt: Runtime, activityId: string): Promise<string[]> {
  const rows = await rt.repos.activities.attendees(activityId);
  return rows.filter((r) => r.status === 'signed_up' || r.status === 'checked_in').map((r) => r.userId);
}

const hm = (at: Date) => formatChinaDateTime(at).slice(11);

/**
 * What a person who signed up must know of an edit, in words: a new time or place (what they act on). A new title,
 * text or number of places changes nothing for them, and says nothing.
 */
export function changeWords(before: ActivityDoc, after: ActivityDoc): string | null {
  const words: string[] = [];
  if (before.startAt.getTime() !== after.startAt.getTime() || before.endAt.getTime() !== after.endAt.getTime()) {
    words.push(`时间改为${formatChinaDateTime(after.startAt).slice(5)}–${hm(after.endAt)}`);
  }
  if (before.place !== after.place) words.push(`地点改为${after.place}`);
  return words.length > 0 ? words.join('，') : null;
}

/** Staff moved it: everyone coming hears the new time or place, with the activity's page to open. */
export async function announceChange(rt: Runtime, before: ActivityDoc, after: ActivityDoc): Promise<void> {
  const words = changeWords(before, after);
  if (!words) return;
  await announce(
    rt,
    { template: 'activity_changed', eventId: newId(), communityId: after.communityId, page: activityPage(after._id), values: { thing1: after.title, thing2: words, time3: after.startAt.toISOString() } },
    await comingTo(rt, after._id),
  );
}

/** Staff called it off: everyone coming hears why, so nobody turns up to an empty square. */
export async function announceCancel(rt: Runtime, a: ActivityDoc, reason: string): Promise<void> {
  await announce(
    rt,
    { template: 'activity_cancelled', eventId: newId(), communityId: a.communityId, page: activityPage(a._id), values: { thing1: a.title, thing2: reason, time3: a.startAt.toISOString() } },
    await comingTo(rt, a._id),
  );
}
