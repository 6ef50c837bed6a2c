/**
 * Wishes in every state, made the way people make them: through the real functions, each
 * step by the person who would take it. Two shapes: `plain` (posted by `owner` for their `family` member, taken by a
 * volunteer's claim, assigned to a party member) and `anon` (posted anonymously by
 * `owner_anon`, dispatched to the co-building unit, accepted by its admin and handed to a
 * member). Every wish gets a phone, room number and position of its own, so any of them
 * found in a reply names the wish it came from; a `plain` wish also a photo and a voice note of its own (the leak
 * scanner looks for them; staff type the voice note out: `transcribe` succeeds there, and is refused on `anon`).
 */
import { createHash } from 'node:crypto';
import { WishStates, type Category, type WishState } from '@shared';
import type { Client } from '../harness';
import { COMMUNITIES, type CastKey, type CommunityKey } from './cast';

/**
 * The matrix servers' limits: thousands of calls from one address, and a deadline no call meets only by luck. These
 * suites check who may do what and what a call writes; a deadline's 503 (server/overload.ts) is checked elsewhere, and
 * here it would be wrong twice over: the first cron tick, sweeping every fixture wish, can outlast 8 s on a busy machine,
 * and its work, which a 503 does not stop, would then be counted against the next call.
 */
export const MATRIX_SERVER_CONFIG = { rateLimitPerMinute: 1_000_000, requestTimeoutMs: 120_000 };

export const Shapes = ['plain', 'anon'] as const;
export type Shape = (typeof Shapes)[number];

export interface FixtureKey {
  community: CommunityKey;
  shape: Shape;
  state: WishState;
}

export type ClientOf = (community: CommunityKey, cast: CastKey) => Client;

let serial = 0;

/** The secrets a wish is made with: a phone, a room and a position no other wish has. */
export function uniqueWishInput(community: CommunityKey, anonymous: boolean, category?: Category) {
  const n = ++serial;
  const f = COMMUNITIES[community];
  const [lng, lat] = f.origin;
  return {
    category: category ?? (['repair', 'daily_help', 'companionship', 'legal_aid', 'medical_trip'] as const)[n % 5],
    title: `矩阵心愿${n}号`,
    description: `生成的测试心愿第${n}号，需要有人上门帮忙。`,
    location: { type: 'Point', coordinates: [Math.round((lng + n * 0.000013) * 1e6) / 1e6, Math.round((lat + n * 0.000011) * 1e6) / 1e6] },
    address: `${f.compound}${(n % 9) + 1}栋1单元${10000 + n}室`,
    buildingId: f.buildingId,
    contactPhone: `199${String(n).padStart(8, '0')}`,
    anonymous,
  };
}

/** A photo and a voice note no other wish has: names of stored uploads (nothing reads the bytes to post a wish). */
export function uniqueMedia() {
  const n = ++serial;
  const name = (ext: string) => `/files/${createHash('sha256').update(`matrix media ${n}`).digest('hex')}.${ext}`;
  return { photos: [name('jpg')], voice: { url: name('m4a'), seconds: 7 } };
}

/** The steps from posting to `state`, for one shape; `category` to make one like another (rules that look at it). */
export async function makeWish(key: FixtureKey, as: ClientOf, category?: Category): Promise<string> {
  const { community: c, shape, state } = key;
  const f = COMMUNITIES[c];
  const owner = as(c, shape === 'plain' ? 'owner' : 'owner_anon');
  const staff = as(c, 'secretary');
  const worker = shape === 'plain' ? as(c, 'claimer') : as(c, 'unit_member');
  const input = uniqueWishInput(c, shape === 'anon', category);
  const { wish } = await owner.ok('wishes', 'create', shape === 'plain' ? { ...input, ...uniqueMedia(), forFamilyId: as(c, 'family').user.id } : input);
  const wishId: string = wish.id;
  const step = (who: Client, fn: string, action: string, data: object = {}) => who.ok(fn, action, { wishId, ...data });
  if (state === 'pending_review') return wishId;
  if (state === 'rejected') return void (await step(staff, 'dispatch', 'reject', { reason: '请补充具体情况' })), wishId;
  if (state === 'cancelled') return void (await step(owner, 'wishes', 'cancel', { reason: '已经解决了' })), wishId;
  const target = shape === 'plain' ? { kind: 'user', id: as(c, 'assignee').user.id } : { kind: 'unit', id: f.unitId };
  if (state === 'open') return void (await step(staff, 'dispatch', 'approve', {})), wishId;
  await step(staff, 'dispatch', 'approve', { assignTo: target });
  if (state === 'assigned') return wishId;
  if (shape === 'plain') {
    // Declined back to the pool, then claimed: the claimer holds it as a volunteer would.
    await step(as(c, 'assignee'), 'tasks', 'decline', { reason: '这周没空' });
    await step(worker, 'tasks', 'claim');
  } else {
    await step(as(c, 'unit_admin'), 'tasks', 'accept');
    await step(as(c, 'unit_admin'), 'tasks', 'handover', { toUserId: worker.user.id });
  }
  if (state === 'claimed') return wishId;
  await step(worker, 'tasks', 'start');
  if (state === 'in_progress') return wishId;
  await step(worker, 'tasks', 'complete', { note: '已上门处理好了', hours: 1 });
  if (state === 'done') return wishId;
  await step(owner, 'wishes', 'confirm');
  if (state === 'confirmed') return wishId;
  throw new Error(`no way to make a wish ${state}`);
}

export const fixtureKeys = (communities: readonly CommunityKey[]): FixtureKey[] =>
  communities.flatMap((community) => Shapes.flatMap((shape) => WishStates.map((state) => ({ community, shape, state }))));

export const keyName = (k: FixtureKey) => `${k.community}/${k.shape}/${k.state}`;

/** Runs `work` over `items`, `width` at a time, keeping the order of the results. */
export async function inPool<T, R>(items: readonly T[], width: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i], i);
    }
  });
  await Promise.all(lanes);
  return out;
}
