import { collections } from './collections';
import { announce } from './outbox';
import { namesOf, secretariesOf, townAdminsOf, unitAdminsOf } from './people';
import type { Runtime, WishDoc, WishEventDoc } from './types';

/** Who hears of each step (DESIGN.md §6). Each call is keyed by the event, so repeating it is harmless. */
const page = (wish: WishDoc) => `pages/wish/detail?id=${wish._id}`;
const base = (wish: WishDoc, event: WishEventDoc) => ({ eventId: event.id, communityId: wish.communityId, wishId: wish._id, page: page(wish) });

async function assigneesOf(rt: Runtime, wish: WishDoc): Promise<string[]> {
  const target = wish.assignment?.target;
  if (!target) return [];
  return target.kind === 'user' ? [target.id] : unitAdminsOf(rt, wish.communityId, target.id);
}

export async function announceApproved(rt: Runtime, wish: WishDoc, event: WishEventDoc): Promise<void> {
  await announce(rt, { ...base(wish, event), template: 'wish_approved', values: { thing1: wish.title, phrase2: '已通过', time3: event.at.toISOString() } }, [wish.ownerId]);
  if (wish.status === 'assigned') await announceAssigned(rt, wish, event);
  if (wish.status === 'open') await announceNearby(rt, wish, event);
}

export async function announceAssigned(rt: Runtime, wish: WishDoc, event: WishEventDoc): Promise<void> {
  await announce(
    rt,
    { ...base(wish, event), template: 'wish_assigned', values: { thing1: wish.title, thing2: wish.address ?? '见详情', time3: event.at.toISOString() } },
    await assigneesOf(rt, wish),
  );
}

/** Helpers who asked to hear of new wishes (they hold a nearby_wish subscription) in this community. */
export async function announceNearby(rt: Runtime, wish: WishDoc, event: WishEventDoc): Promise<void> {
  const subs = await collections(rt.db).subscriptions.find({ template: 'nearby_wish', credits: { $gt: 0 } }, { projection: { userId: 1 } }).limit(200).toArray();
  if (subs.length === 0) return;
  const helpers = await collections(rt.db)
    .users.find({ _id: { $in: subs.map((s) => s.userId) }, 'memberships.communityId': wish.communityId }, { projection: { _id: 1 } })
    .toArray();
  await announce(
    rt,
    { ...base(wish, event), template: 'nearby_wish', values: { thing1: wish.title, thing2: wish.address ?? '本社区', character_string3: '附近' } },
    helpers.map((h) => h._id).filter((id) => id !== wish.ownerId),
  );
}

export async function announceRejected(rt: Runtime, wish: WishDoc, event: WishEventDoc, reason: string): Promise<void> {
  await announce(rt, { ...base(wish, event), template: 'wish_rejected', values: { thing1: wish.title, thing2: reason, time3: event.at.toISOString() } }, [wish.ownerId]);
}

export async function announceClaimed(rt: Runtime, wish: WishDoc, event: WishEventDoc, claimerId: string, claimerName?: string): Promise<void> {
  const names = claimerName ? new Map([[claimerId, claimerName]]) : await namesOf(rt, [claimerId]);
  await announce(
    rt,
    { ...base(wish, event), template: 'wish_claimed', values: { thing1: wish.title, name2: names.get(claimerId) ?? '志愿者', time3: event.at.toISOString() } },
    [wish.ownerId],
  );
}

export async function announceCompleted(rt: Runtime, wish: WishDoc, event: WishEventDoc, helperId: string): Promise<void> {
  const names = await namesOf(rt, [helperId]);
  await announce(
    rt,
    { ...base(wish, event), template: 'wish_completed', values: { thing1: wish.title, name2: names.get(helperId) ?? '志愿者', time3: event.at.toISOString() } },
    [wish.ownerId],
  );
}

export async function announceConfirmed(rt: Runtime, wish: WishDoc, event: WishEventDoc): Promise<void> {
  if (wish.rating) return;
  await announce(rt, { ...base(wish, event), template: 'rate_reminder', values: { thing1: wish.title, thing2: '请为本次服务打分' } }, [wish.ownerId]);
}

export async function announceEscalated(rt: Runtime, wish: WishDoc, event: WishEventDoc, level: 'secretary' | 'town'): Promise<void> {
  const to = level === 'secretary' ? await secretariesOf(rt, wish.communityId) : await townAdminsOf(rt, wish.townId);
  await announce(
    rt,
    { ...base(wish, event), template: 'wish_escalated', values: { thing1: wish.title, phrase2: level === 'secretary' ? '社区' : '镇街', time3: wish.createdAt.toISOString() } },
    to,
  );
}

export async function announceLeaseExpired(rt: Runtime, wish: WishDoc, event: WishEventDoc, claimerId: string): Promise<void> {
  await announce(rt, { ...base(wish, event), template: 'lease_expired', values: { thing1: wish.title, thing2: '认领已超时，心愿已退回' } }, [claimerId]);
}
