import { AppError, settingsOf, type CommunitySettings, type WishAction, type WishState, type Role } from '@shared';
import type { Caller } from './caller';
import { collections } from './store/collections';
import { newId } from './ids';
import { TtlCache } from './cache';
import type { CommunityDoc, EventActorDoc, Runtime, WishDoc, WishEventDoc } from './types';

/** Settings change rarely; the secretary's edit forgets the entry here at once. */
export const communityCache = new TtlCache<CommunityDoc>(10_000);

export async function loadWish(rt: Runtime, wishId: string): Promise<WishDoc> {
  const wish = await collections(rt.db).wishes.findOne({ _id: wishId });
  if (!wish) throw new AppError('NOT_FOUND', '心愿不存在');
  return wish;
}

export async function loadCommunity(rt: Runtime, communityId: string): Promise<CommunityDoc> {
  const community = await communityCache.get(rt.db, communityId, () => collections(rt.db).communities.findOne({ _id: communityId }));
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

