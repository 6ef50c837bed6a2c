import { CategoryLabels, URGENT_ALERT_RADIUS_M, forWhomIds, holdingStands, stillWhereLeft, stillWorking, WishStateLabels, maskAddress, metresBetween, onDutyAt, wishNumberValues, type NotificationTemplateKey, type WishAction } from '@shared';
import { noticeLink } from '@shared/routes';
import { ASSIGNED_BY_VALUE } from '@shared/notify/templates';
import { DispatcherLabels } from '@shared/lifecycle/dispatchTargets';
import { announceAll, type Announcement } from './outbox';
import { gridWorkersOf, namesOf, secretariesOf, townAdminsOf, unitAdminsOf } from '../access/people';
import type { Runtime } from '../runtime/types';
import type { WishDoc, WishEventDoc } from '../store/types';

/** What the caller already knows and the announcement would otherwise read. */
export interface Known {
  /** The actor's display name (the claim path keeps its one round trip). */
  actorName?: string;
}

/** One template of a step, and who receives it. */
interface Message {
  template: NotificationTemplateKey;
  values: Record<string, string>;
  recipients: string[];
  page?: string;
  /** It tells someone they now hold the wish (a dispatch, a claim, a handed place): said only while that still stands. */
  holding?: true;
  /** It tells someone the wish waits where the step left it (for review, in the pool, for staff): said only while it does. */
  waiting?: true;
}

/** Who hears of a step and what they read, from the event and the wish alone, so the repair can say it again. */
type Plan = (rt: Runtime, wish: WishDoc, event: WishEventDoc, known: Known) => Promise<Message[]>;

const at = (event: WishEventDoc) => event.at.toISOString();

/**
 * Whom the help is for: the owner, and the family member a wish was posted for (时间银行), who confirms and rates it
 * as the owner may (lifecycle `FOR_WHOM`); both hear that it was approved and how the help goes. Only a rejection
 * stays the owner's: editing and resubmitting are theirs alone.
 */
const helped = (wish: WishDoc) => forWhomIds(wish);

async function nameOf(rt: Runtime, userId: string, event: WishEventDoc, known: Known): Promise<string | undefined> {
  if (known.actorName && event.actor.kind === 'user' && event.actor.userId === userId) return known.actorName;
  return (await namesOf(rt, [userId])).get(userId);
}

async function assignees(rt: Runtime, wish: WishDoc, kind: string | undefined, id: string | undefined): Promise<string[]> {
  if (!id) return [];
  return kind === 'unit' ? unitAdminsOf(rt, wish.communityId, id) : [id];
}

/**
 * A message outlives the recipient's standing (a declined assignment, a finished job, a helper who never
 * claims): it names the place as far as anyone may see it, and the wish's page shows the door to whoever holds it.
 */
const placeOf = (wish: WishDoc, otherwise: string) => (wish.address ? maskAddress(wish.address) : otherwise);

/** `by`: who sent it, when not the community (templates.ts `ASSIGNED_BY_VALUE`). */
const assigned = (wish: WishDoc, event: WishEventDoc, recipients: string[], by?: string): Message => ({
  template: 'wish_assigned',
  values: { thing1: wish.title, thing2: placeOf(wish, '见详情'), time3: at(event), ...(by ? { [ASSIGNED_BY_VALUE]: by } : {}) },
  recipients,
  holding: true,
});

/**
 * Helpers who asked to hear of new wishes (they hold a nearby_wish subscription) in this community and are on duty by
 * their roster; for an urgent wish also everyone who opted in to urgent alerts, is on duty and lives within
 * URGENT_ALERT_RADIUS_M. None once it is taken. They hold no claim yet, so they read the address as the hall shows it
 * (shared/privacy `nearbyItemOf`): masked.
 */
async function nearby(rt: Runtime, wish: WishDoc, event: WishEventDoc): Promise<Message[]> {
  // Said again once the wish was taken, nobody's news (announceEvent would drop it): not worth the queries.
  if (!stillWhereLeft(wish, event)) return [];
  const urgent = wish.priority === 'urgent';
  const subscribed = await rt.repos.subscriptions.holders('nearby_wish', 200);
  const alertable = urgent ? await urgentAlertees(rt, wish, event.at) : [];
  if (subscribed.length === 0 && alertable.length === 0) return [];
  const members = await rt.repos.users.membersAmong(wish.communityId, subscribed);
  const rosters = await rt.repos.duty.ofMany(members);
  const onDuty = members.filter((id) => onDutyAt(rosters.get(id), event.at));
  const recipients = [...new Set([...alertable, ...onDuty])].filter((id) => !helped(wish).includes(id));
  const thing2 = placeOf(wish, '本社区');
  return [{ template: 'nearby_wish', values: { thing1: urgent ? `【紧急】${wish.title}` : wish.title, thing2, character_string3: urgent ? '紧急' : '附近' }, recipients, waiting: true }];
}

/** Helpers of the wish's community who asked for urgent alerts, are on duty at `at` and live near it (or haven't said where). */
async function urgentAlertees(rt: Runtime, wish: WishDoc, at: Date): Promise<string[]> {
  const holders = await rt.repos.duty.urgentAlertHolders(500);
  const onDuty = [...holders].filter(([, roster]) => onDutyAt(roster, at)).map(([id]) => id);
  const helpers = await rt.repos.users.helpersAmong(wish.communityId, onDuty);
  const near: string[] = [];
  for (const h of helpers) {
    const buildingId = h.memberships.find((m) => m.communityId === wish.communityId)?.buildingId;
    const home = buildingId ? await rt.repos.org.building(wish.communityId, buildingId) : null;
    if (!home?.location || metresBetween(home.location.coordinates, wish.location.coordinates) <= URGENT_ALERT_RADIUS_M) near.push(h._id);
  }
  return near;
}

/** A wish (new or resubmitted) waiting for review: its reviewers, but not whoever entered it; no news once reviewed. */
const pending: Plan = async (rt, wish) => {
  const staff = [...(await secretariesOf(rt, wish.communityId)), ...(await gridWorkersOf(rt, wish.communityId, wish.gridId))];
  return [{
    template: 'new_pending_wish',
    values: { thing1: wish.title, phrase2: CategoryLabels[wish.category], time3: wish.createdAt.toISOString() },
    recipients: staff.filter((id) => id !== wish.createdBy),
    waiting: true,
  }];
};

/**
 * 督办: the community's secretary and the grid worker of the wish's grid (after a reassign, the new community's). A
 * 催办 or 改派 asks them to move a wish that waits, so it is news only while it still waits (said again by the repair
 * after it was reviewed, taken or finished, "请尽快处理" would send them to nothing); a 镇街派单 tells them where the town
 * sent it, news only while the dispatch stands.
 */
const supervised = (what: string, about: 'waiting' | 'holding'): Plan => async (rt, wish, event) => [{
  template: 'wish_supervised',
  values: { thing1: wish.title, phrase2: what, thing3: event.note ?? `${what}，请尽快处理` },
  recipients: [...(await secretariesOf(rt, wish.communityId)), ...(await gridWorkersOf(rt, wish.communityId, wish.gridId))],
  [about]: true,
}];

/** The admins of a unit wherever it is registered: the town dispatches to units of its other communities too. */
async function townUnitAdmins(rt: Runtime, unitId: string | undefined): Promise<string[]> {
  const unit = unitId ? await rt.repos.org.unitAnywhere(unitId) : null;
  return unit ? unitAdminsOf(rt, unit.communityId, unit._id) : [];
}

/** Why a 停用 sent a wish back, as staff read it: the unit left with nobody active, or the member who was stopped (never the reason). */
async function returnedBecause(rt: Runtime, event: WishEventDoc): Promise<string> {
  const unitId = event.meta?.withdrawnUnitId;
  const unit = unitId ? await rt.repos.org.unitAnywhere(unitId) : null;
  if (unit) return `${unit.name}无在岗人员`;
  const memberId = event.meta?.memberId;
  const name = memberId ? (await namesOf(rt, [memberId])).get(memberId) : undefined;
  return `服务人${name ?? ''}已停用`;
}

const claimed: Plan = async (rt, wish, event, known) => {
  const claimerId = event.meta?.claimerId;
  if (!claimerId) return [];
  const name = await nameOf(rt, claimerId, event, known);
  return [{ template: 'wish_claimed', values: { thing1: wish.title, name2: name ?? '志愿者', time3: at(event) }, recipients: helped(wish), holding: true }];
};

/** Who hears of each step; a step not listed tells nobody. */
const PLANS: Partial<Record<WishAction, Plan>> = {
  create: pending,
  resubmit: pending,
  approve: async (rt, wish, event) => [
    { template: 'wish_approved', values: { thing1: wish.title, phrase2: '已通过', time3: at(event) }, recipients: helped(wish) },
    ...(event.to === 'assigned'
      ? [assigned(wish, event, await assignees(rt, wish, event.meta?.assignKind, event.meta?.assignId))]
      : await nearby(rt, wish, event)),
  ],
  // The reason is the event's note (decide keeps `reason` there).
  reject: async (_rt, wish, event) => [
    { template: 'wish_rejected', values: { thing1: wish.title, thing2: event.note ?? wish.rejectReason ?? '', time3: at(event) }, recipients: [wish.ownerId] },
  ],
  claim: claimed,
  accept: claimed,
  decline: async (rt, wish, event) => nearby(rt, wish, event),
  assign: async (rt, wish, event) => [assigned(wish, event, await assignees(rt, wish, event.meta?.assignKind, event.meta?.assignId))],
  handover: async (rt, wish, event, known) => {
    const admin = event.actor.kind === 'user' ? await nameOf(rt, event.actor.userId, event, known) : undefined;
    return [assigned(wish, event, event.meta?.toUserId ? [event.meta.toUserId] : [], `本单位的${admin ?? '管理员'}`)];
  },
  // One helper of several finishing their part is not the wish done: the resident hears once, at the end.
  complete: async (rt, wish, event, known) => {
    if (event.actor.kind !== 'user' || event.to !== 'done') return [];
    const name = await nameOf(rt, event.actor.userId, event, known);
    return [{ template: 'wish_completed', values: { thing1: wish.title, name2: name ?? '志愿者', time3: at(event) }, recipients: helped(wish) }];
  },
  // Rated already (the resident was quicker than the repair): no reminder.
  confirm: async (_rt, wish) => (wish.rating ? [] : [{ template: 'rate_reminder', values: { thing1: wish.title, thing2: '请为本次服务打分' }, recipients: helped(wish) }]),
  // "Not done": the helpers go back to work, and the secretary hears of the disagreement.
  dispute: async (rt, wish, event) => [{
    template: 'wish_disputed',
    values: { thing1: wish.title, thing2: event.note ?? '', time3: at(event) },
    recipients: [...stillWorking(wish, (event.meta?.claimerIds ?? '').split(',').filter(Boolean)), ...(await secretariesOf(rt, wish.communityId))],
  }],
  escalate: async (rt, wish, event) => {
    const town = event.meta?.level === 'town';
    const to = town ? await townAdminsOf(rt, wish.townId) : await secretariesOf(rt, wish.communityId);
    return [{ template: 'wish_escalated', values: { thing1: wish.title, phrase2: town ? '镇街' : '社区', time3: wish.createdAt.toISOString() }, recipients: to, waiting: true }];
  },
  urge: supervised('催办', 'waiting'),
  // 催一催: whoever holds the unfinished work hears it; a wish nobody holds yet is the community's to move.
  nudge: async (rt, wish, event) => {
    const helpers = (event.meta?.claimerIds ?? '').split(',').filter(Boolean);
    const submitted = (wish.submittedAt ?? wish.createdAt).toISOString();
    // Only those still on it (said again after a 停用 or a recall, the others no longer are); the wish's return was told then.
    if (helpers.length > 0) return [{ template: 'wish_nudged', values: { thing1: wish.title, thing2: '居民在等您上门，请尽快联系', time3: submitted }, recipients: stillWorking(wish, helpers) }];
    return [{
      template: 'wish_waiting',
      values: { thing1: wish.title, phrase2: WishStateLabels[wish.status], time3: submitted },
      recipients: [...(await secretariesOf(rt, wish.communityId)), ...(await gridWorkersOf(rt, wish.communityId, wish.gridId))],
      waiting: true,
    }];
  },
  reassign: supervised('改派', 'waiting'),
  townAssign: async (rt, wish, event) => [
    assigned(wish, event, await townUnitAdmins(rt, event.meta?.assignId), DispatcherLabels.town),
    ...(await supervised('镇街派单', 'holding')(rt, wish, event, {})),
  ],
  // 收回: those it was taken from hear why; then whoever it went to, or the helpers nearby when it is back in the pool.
  recall: async (rt, wish, event) => {
    const unit = event.meta?.recalledUnitId;
    const from = [...(event.meta?.claimerIds ?? '').split(',').filter(Boolean), ...(unit ? await unitAdminsOf(rt, wish.communityId, unit) : [])];
    const told: Message = { template: 'claim_recalled', values: { thing1: wish.title, thing2: event.note ?? '', time3: at(event) }, recipients: [...new Set(from)] };
    const next = event.to === 'assigned' ? [assigned(wish, event, await assignees(rt, wish, event.meta?.assignKind, event.meta?.assignId))] : await nearby(rt, wish, event);
    return [told, ...next];
  },
  // 停用: the resident hears their helper can't go on (never why: that is between the member and the community), the
  // community's secretaries that it is back in their queue (it may need dispatching again; a town-level unit's member or
  // an emptied unit is another community's business, so they would not know), and the wish is offered again.
  vacate: async (rt, wish, event) => [
    { template: 'helper_withdrawn', values: { thing1: wish.title, thing2: '服务人有变动，已重新等待认领' }, recipients: helped(wish), waiting: true },
    { template: 'work_returned', values: { thing1: wish.title, thing2: await returnedBecause(rt, event) }, recipients: await secretariesOf(rt, wish.communityId), waiting: true },
    ...(await nearby(rt, wish, event)),
  ],
  expire: async (_rt, wish, event) => [
    { template: 'lease_expired', values: { thing1: wish.title, thing2: '认领已超时，心愿已退回' }, recipients: (event.meta?.claimerIds ?? '').split(',').filter(Boolean) },
  ],
};

/** The steps that may tell someone: the only events the repair looks at. */
export const ANNOUNCED_ACTIONS: ReadonlySet<WishAction> = new Set(Object.keys(PLANS) as WishAction[]);

/**
 * Tells everyone who hears of this event (the table above), in one write; returns the messages
 * it added. Keyed by event, recipient and template, so saying it again
 * (the repair, a twin) adds nothing.
 */
export async function announceEvent(rt: Runtime, wish: WishDoc, event: WishEventDoc, known: Known = {}): Promise<number> {
  const plan = PLANS[event.action];
  if (!plan) return 0;
  // Said again by the repair after a later step undid it (a 停用, a release, a recall…), "派给您了" or "已被认领" would be
  // untrue: such news goes only while the wish still holds what the step gave (shared/lifecycle/news `holdingStands`).
  // Likewise "it waits for you" once something moved it on (reviewed, taken, dispatched): `stillWhereLeft`.
  const stands = holdingStands(wish, event);
  const still = stillWhereLeft(wish, event);
  const messages = (await plan(rt, wish, event, known)).filter((m) => (stands || !m.holding) && (still || !m.waiting));
  const base = { eventId: event.id, communityId: wish.communityId, wishId: wish._id };
  // Every message of a wish carries its number: the subscribe message in its 心愿编号 field, staff's inbox sentences (templates.ts `named`).
  const numbered = wishNumberValues(wish);
  return announceAll(
    rt,
    messages.map((m): { announcement: Announcement; recipientIds: string[] } => ({
      announcement: { ...base, template: m.template, values: { ...m.values, ...numbered }, page: m.page ?? noticeLink(m.template, wish._id) },
      recipientIds: m.recipients,
    })),
  );
}
