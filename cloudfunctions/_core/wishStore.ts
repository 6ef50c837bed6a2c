import { AppError, settingsOf, type CommunitySettings, type WishAction, type WishState, type Role } from '@shared';
import type { Filter, UpdateFilter } from 'mongodb';
import type { Caller } from './caller';
import { collections } from './collections';
import { newId } from './ids';
import type { CommunityDoc, EventActorDoc, Runtime, WishDoc, WishEventDoc } from './types';

export async function loadWish(rt: Runtime, wishId: string): Promise<WishDoc> {
  const wish = await collections(rt.db).wishes.findOne({ _id: wishId });
  if (!wish) throw new AppError('NOT_FOUND', '心愿不存在');
  return wish;
}

export async function loadCommunity(rt: Runtime, communityId: string): Promise<CommunityDoc> {
  const community = await collections(rt.db).communities.findOne({ _id: communityId });
  if (!community) throw new AppError('NOT_FOUND', '社区不存在');
  return community;
}

export async function settingsFor(rt: Runtime, communityId: string): Promise<CommunitySettings> {
  return settingsOf((await loadCommunity(rt, communityId)).settings);
}

export function actorDoc(caller: Caller | null, role?: Role): EventActorDoc {
  if (!caller) return { kind: 'system' };
  return role ? { kind: 'user', userId: caller.id, role } : { kind: 'user', userId: caller.id };
}

/** The role a caller acted in, for the timeline ("书记 审核通过"). */
export function roleFor(caller: Caller, preferred: Role[]): Role | undefined {
  return preferred.find((r) => caller.roles.includes(r));
}

export function makeEvent(
  wish: Pick<WishDoc, '_id' | 'communityId'>,
  action: WishAction,
  actor: EventActorDoc,
  from: WishState | null,
  to: WishState,
  at: Date,
  extra: { note?: string; meta?: Record<string, string> } = {},
): WishEventDoc {
  const e: WishEventDoc = { id: newId(), wishId: wish._id, communityId: wish.communityId, action, actor, from, to, at };
  if (extra.note) e.note = extra.note;
  if (extra.meta) e.meta = extra.meta;
  return e;
}

export interface Transition {
  wish: WishDoc;
  from: WishState[];
  to: WishState;
  action: WishAction;
  actor: EventActorDoc;
  now: Date;
  note?: string;
  meta?: Record<string, string>;
  /** Extra conditions the write must still find true (relations that can change, slots). */
  filter?: Filter<WishDoc>;
  update?: { $set?: Partial<WishDoc>; $unset?: Record<string, ''>; $inc?: Record<string, number>; $push?: Record<string, unknown>; $pull?: Record<string, unknown> };
  /** Says why the write found nothing, given the wish as it is now. */
  explain?: (current: WishDoc) => AppError | undefined;
}

/**
 * One transition = one conditional findOneAndUpdate that checks the state (and any
 * extra condition) and appends the event in the same write: no read-then-write race.
 */
export async function transit(rt: Runtime, t: Transition): Promise<{ wish: WishDoc; event: WishEventDoc }> {
  const { wishes } = collections(rt.db);
  const current = t.wish.status;
  const event = makeEvent(t.wish, t.action, t.actor, current, t.to, t.now, { note: t.note, meta: t.meta });
  const u = t.update ?? {};
  const update: UpdateFilter<WishDoc> = {
    $set: { ...(u.$set ?? {}), status: t.to, updatedAt: t.now } as never,
    $push: { ...(u.$push ?? {}), events: event } as never,
  };
  if (u.$unset) update.$unset = u.$unset as never;
  if (u.$inc) update.$inc = u.$inc as never;
  if (u.$pull) update.$pull = u.$pull as never;
  const filter: Filter<WishDoc> = { ...(t.filter ?? {}), _id: t.wish._id, status: { $in: t.from } } as Filter<WishDoc>;
  const after = await wishes.findOneAndUpdate(filter, update, { returnDocument: 'after' });
  if (after) return { wish: after, event };

  const now = await wishes.findOne({ _id: t.wish._id });
  if (!now) throw new AppError('NOT_FOUND', '心愿不存在');
  if (!t.from.includes(now.status)) throw invalidTransition(now.status, t.action);
  throw t.explain?.(now) ?? new AppError('CONFLICT', '心愿刚刚被其他人更新，请刷新后重试');
}

const STATE_WORDS: Record<WishState, string> = {
  pending_review: '待审核', rejected: '未通过', open: '待认领', assigned: '已指派', claimed: '已认领',
  in_progress: '服务中', done: '已完成', confirmed: '已确认', cancelled: '已取消',
};

export function invalidTransition(status: WishState, action: WishAction): AppError {
  return new AppError('INVALID_TRANSITION', `心愿当前状态为“${STATE_WORDS[status]}”，不能执行此操作`, { status, action });
}

/** Check a state before any other work, so the reply names the real reason. */
export function requireState(wish: WishDoc, allowed: WishState[], action: WishAction): void {
  if (!allowed.includes(wish.status)) throw invalidTransition(wish.status, action);
}
