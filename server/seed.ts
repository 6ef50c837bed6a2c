import { collections } from '../cloudfunctions/_core/store/collections';
import type { Db } from 'mongodb';
import type { Runtime } from '../cloudfunctions/_core/runtime/types';
import { FUNCTIONS } from './functions';
import { ACTIVITIES, BUILDINGS, COMMUNITIES, COMPOUNDS, DUTY_ROSTERS, FAMILY_LINKS, GRIDS, PARTY_BRANCHES, STORE_ITEMS, TOWNS, UNITS, USERS, WISHES, type SeedActivity, type SeedWish } from './seedData';

const SEED_MARK = 'demo-seed-v1';
const HOUR = 3_600_000;

const userIdOf = (key: string) => `u-${key}`;

async function upsertAll<T extends { _id: string }>(coll: import('mongodb').Collection<T>, docs: T[]): Promise<void> {
  for (const { _id, ...rest } of docs) await coll.updateOne({ _id } as never, { $setOnInsert: rest as never }, { upsert: true });
}

/**
 * The demo community, idempotently: places, people and units are upserted; the wishes
 * are played through the real cloud functions (so every event and notification is real),
 * once per database.
 */
export async function seedDemo(db: Db, rt: Runtime, opts: { dutyRosters?: boolean } = {}): Promise<{ wishes: number }> {
  const c = collections(db);
  const now = rt.now();
  await upsertAll(c.towns, TOWNS.map((t) => ({ ...t, createdAt: now })));
  await upsertAll(c.communities, COMMUNITIES.map((x) => ({ ...x, createdAt: now })));
  // A demo database from before wish numbers gets the codes too (upsertAll leaves existing communities alone).
  for (const x of COMMUNITIES) await c.communities.updateOne({ _id: x._id, code: { $exists: false } }, { $set: { code: x.code } });
  await upsertAll(c.compounds, COMPOUNDS);
  await upsertAll(c.grids, GRIDS.map((g) => ({ ...g, ...(g._id === 'grid-taoyuan-2' || g._id === 'grid-taoyuan-3' ? { gridWorkerId: userIdOf('grid_worker') } : {}) })));
  await upsertAll(c.buildings, BUILDINGS);
  await upsertAll(c.partyBranches, PARTY_BRANCHES.map((b) => ({ ...b, ...(b._id === 'pb-taoyuan' ? { secretaryUserId: userIdOf('secretary') } : {}) })));
  await upsertAll(c.units, UNITS.map((u) => ({ ...u, createdAt: now })));
  await upsertAll(c.users, USERS.map((u) => ({ _id: userIdOf(u.key), devKey: u.key, name: u.name, phone: u.phone, memberships: u.memberships, createdAt: now })));
  if (opts.dutyRosters ?? true) await upsertAll(c.duty, DUTY_ROSTERS.map(({ user, roster }) => ({ _id: userIdOf(user), ...roster, updatedAt: now })));

  try {
    await c.meta.insertOne({ _id: SEED_MARK, state: 'running', at: now });
  } catch {
    return { wishes: 0 }; // seeded before (or being seeded by a twin start)
  }
  let count = 0;
  for (const f of FAMILY_LINKS) await playFamilyLink(rt, f, now);
  for (const [i, w] of WISHES.entries()) {
    await playWish(rt, w, new Date(now.getTime() - w.daysAgo * 24 * HOUR - 3 * HOUR - i * 5 * 60_000));
    count++;
  }
  for (const a of ACTIVITIES) await playActivity(rt, a, now);
  for (const { by, ...item } of STORE_ITEMS) {
    const reply = await FUNCTIONS.points({ action: 'saveItem', data: item }, { identity: { kind: 'user', userId: userIdOf(by) }, runtime: rt });
    if (!reply.ok) throw new Error(`seed store item ${item.name}: ${reply.error.code} ${reply.error.message}`);
  }
  await c.meta.updateOne({ _id: SEED_MARK }, { $set: { state: 'done', at: rt.now() } });
  return { wishes: count };
}

const LOCATION_OF = new Map(BUILDINGS.map((b) => [b._id, b.location]));
const GRID_WORKER_GRIDS = new Set(['grid-taoyuan-2', 'grid-taoyuan-3']);
const GRID_OF = new Map(BUILDINGS.map((b) => [b._id, b.gridId]));
const NAME_OF = new Map(BUILDINGS.map((b) => [b._id, b.name]));
const COMPOUND_OF = new Map(BUILDINGS.map((b) => [b._id, COMPOUNDS.find((c) => c._id === b.compoundId)!.name]));

async function playWish(rt: Runtime, w: SeedWish, start: Date): Promise<void> {
  let t = start.getTime();
  const step = w.state === 'confirmed' ? 5 * HOUR : 20 * 60_000;
  const call = async (fn: string, action: string, data: object, as: string): Promise<Record<string, unknown>> => {
    const at = new Date(t);
    t += step;
    const reply = await FUNCTIONS[fn]({ action, data }, { identity: { kind: 'user', userId: userIdOf(as) }, runtime: { ...rt, now: () => at } });
    if (!reply.ok) throw new Error(`seed ${w.key}: ${fn}.${action} as ${as} → ${reply.error.code} ${reply.error.message} ${JSON.stringify(reply.error.details ?? '')}`);
    return reply.data as Record<string, unknown>;
  };
  const owner = w.proxy?.for ?? w.by;
  const base = {
    category: w.category, title: w.title, description: w.description,
    location: LOCATION_OF.get(w.building)!, buildingId: w.building,
    address: `${COMPOUND_OF.get(w.building)}${NAME_OF.get(w.building)}${(w.key.length % 3) + 1}单元${(w.key.length % 6) + 1}0${(w.key.length % 4) + 1}室`,
    helpersNeeded: w.helpers ?? 1, anonymous: w.anonymous ?? false,
  };
  let created: Record<string, unknown>;
  if (w.proxy) {
    const staff = GRID_WORKER_GRIDS.has(GRID_OF.get(w.building) ?? '') ? 'grid_worker' : 'secretary';
    const user = USERS.find((u) => u.key === w.proxy!.for)!;
    created = await call('dispatch', 'proxyCreate', { ...base, channel: w.proxy.channel, beneficiary: { userId: userIdOf(user.key), name: user.name, ...(user.phone ? { phone: user.phone } : {}) } }, staff);
  } else {
    const family = w.forFamily ? { forFamilyId: userIdOf(w.forFamily), ...(w.paidHours ? { paidHours: w.paidHours } : {}) } : {};
    created = await call('wishes', 'create', { ...base, ...family }, w.by);
  }
  const wishId = (created.wish as { id: string }).id;
  const secretary = w.building.startsWith('bld-xcy') ? 'secretary2' : 'secretary';
  if (w.state === 'pending_review') return;
  if (w.state === 'rejected') return void (await call('dispatch', 'reject', { wishId, reason: w.reason ?? '不属于心愿服务范围' }, secretary));
  if (w.state === 'cancelled') return void (await call('wishes', 'cancel', { wishId, reason: '已自行解决' }, owner));
  const assignTo = w.assignTo && { kind: w.assignTo.kind, id: w.assignTo.kind === 'user' ? userIdOf(w.assignTo.id) : w.assignTo.id };
  await call('dispatch', 'approve', { wishId, ...(assignTo ? { assignTo } : {}), ...(w.urgent ? { priority: 'urgent' } : {}) }, secretary);
  if (w.state === 'open' || w.state === 'assigned') return;

  const worker = w.claimer!;
  if (assignTo) await call('tasks', 'accept', { wishId }, assignTo.kind === 'unit' ? 'unit_admin' : worker);
  else if (w.asUnit) {
    await call('tasks', 'claim', { wishId, asUnit: w.asUnit }, 'unit_admin');
    if (worker !== 'unit_admin') await call('tasks', 'handover', { wishId, toUserId: userIdOf(worker), note: '请陈静跟进' }, 'unit_admin');
  } else await call('tasks', 'claim', { wishId }, worker);
  if (w.state === 'claimed') return;
  await call('tasks', 'start', { wishId }, worker);
  await call('tasks', 'progress', { wishId, note: '已联系居民，约好时间上门' }, worker);
  if (w.state === 'in_progress') return;
  await call('tasks', 'complete', { wishId, note: '已完成，居民表示满意', hours: 1.5 }, worker);
  if (w.state === 'done') return;
  await call('wishes', 'confirm', { wishId }, owner);
  if (w.stars) await call('wishes', 'rate', { wishId, stars: w.stars, ...(w.comment ? { comment: w.comment } : {}) }, owner);
}

/** A 时间银行 family link as people make one: asked by phone a month ago, accepted the same day. */
async function playFamilyLink(rt: Runtime, f: (typeof FAMILY_LINKS)[number], now: Date): Promise<void> {
  const at = new Date(now.getTime() - 30 * 24 * HOUR);
  const call = async (action: string, data: object, as: string): Promise<Record<string, unknown>> => {
    const reply = await FUNCTIONS.timebank({ action, data }, { identity: { kind: 'user', userId: userIdOf(as) }, runtime: { ...rt, now: () => at } });
    if (!reply.ok) throw new Error(`seed family ${f.from}→${f.to}: timebank.${action} as ${as} → ${reply.error.code} ${reply.error.message}`);
    return reply.data as Record<string, unknown>;
  };
  const phone = USERS.find((u) => u.key === f.to)!.phone!;
  const { link } = (await call('askFamily', { phone, relation: f.relation }, f.from)) as { link: { id: string } };
  await call('answerFamily', { linkId: link.id, accept: true }, f.to);
}

/** The China midnight `days` from `now`'s China day, plus `hours`: when a seeded activity starts or ends. */
function chinaDayAt(now: Date, days: number, hours: number): Date {
  const midnight = Math.floor((now.getTime() + 8 * HOUR) / (24 * HOUR)) * 24 * HOUR - 8 * HOUR;
  return new Date(midnight + days * 24 * HOUR + hours * HOUR);
}

/**
 * An activity played through the real functions, each step at the time it would have happened: published two days
 * before, signed up for the day before, and for one that is over, the organiser's code shown at the door, check-in,
 * check-out (hours credited as on any check-out) and the secretary's entry of a forgotten check-out.
 */
async function playActivity(rt: Runtime, a: SeedActivity, now: Date): Promise<void> {
  const startAt = chinaDayAt(now, a.daysFromNow, a.from);
  const endAt = chinaDayAt(now, a.daysFromNow, a.to);
  const call = async (fn: string, action: string, data: object, as: string, at: Date): Promise<Record<string, unknown>> => {
    const reply = await FUNCTIONS[fn]({ action, data }, { identity: { kind: 'user', userId: userIdOf(as) }, runtime: { ...rt, now: () => at } });
    if (!reply.ok) throw new Error(`seed ${a.key}: ${fn}.${action} as ${as} → ${reply.error.code} ${reply.error.message}`);
    return reply.data as Record<string, unknown>;
  };
  const published = new Date(Math.min(now.getTime(), startAt.getTime() - 48 * HOUR));
  const { activity } = (await call('activities', 'publish', {
    title: a.title, category: a.category, description: a.description, place: a.place, organizer: a.organizer,
    startAt: startAt.toISOString(), endAt: endAt.toISOString(), places: a.places,
  }, a.by, published)) as { activity: { id: string } };
  const activityId = activity.id;
  for (const [i, who] of a.signUps.entries()) await call('activities', 'signUp', { activityId }, who, new Date(published.getTime() + (i + 1) * HOUR));
  if (endAt > now) return;
  const codeAt = async (at: Date) => ((await call('activities', 'code', { activityId }, a.by, at)) as { code: string }).code;
  for (const [i, who] of [...(a.attended ?? []), ...(a.forgotCheckOut ?? [])].entries()) {
    const at = new Date(startAt.getTime() - 10 * 60_000 + i * 60_000);
    await call('activities', 'checkIn', { activityId, code: await codeAt(at) }, who, at);
  }
  for (const [i, who] of (a.attended ?? []).entries()) {
    const at = new Date(endAt.getTime() + 5 * 60_000 + i * 60_000);
    await call('activities', 'checkOut', { activityId, code: await codeAt(at) }, who, at);
  }
  for (const who of a.forgotCheckOut ?? []) {
    await call('activities', 'correct', { activityId, userId: userIdOf(who), checkedOutAt: endAt.toISOString() }, a.by, new Date(endAt.getTime() + 20 * HOUR));
  }
}
