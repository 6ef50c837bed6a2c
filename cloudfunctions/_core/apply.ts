import { AppError, SYSTEM, decide, settingsOf, type CommunitySettings, type DecideInput, type TransitionAction, type Wish } from '@shared';
import type { Filter, UpdateFilter } from 'mongodb';
import { actorFor, canRead, relationsTo } from './access';
import type { Caller } from './caller';
import { collections } from './collections';
import { newId } from './ids';
import type { Runtime, WishDoc, WishEventDoc } from './types';
import { loadCommunity } from './wishStore';

const MAX_ATTEMPTS = 25;
/** Fields the store owns; everything else a decision may change. */
const STORE_FIELDS = new Set(['_id', 'id', 'events', 'rev']);

export interface Apply {
  wish: WishDoc;
  action: TransitionAction;
  /** null: the timer. */
  caller: Caller | null;
  input?: DecideInput;
  /** Facts the domain does not decide but the store keeps (a grid derived from a building…). */
  extra?: { $set?: Record<string, unknown>; $unset?: Record<string, ''>; $push?: Record<string, unknown> };
  settings?: CommunitySettings;
}

export function domainOf(doc: WishDoc): Wish {
  return { ...(doc as unknown as Wish), id: doc._id };
}

/**
 * Equal as stored: dates by instant, arrays by element, objects by their defined fields (the
 * driver drops undefined ones). Walked rather than JSON-compared: this runs for every field of
 * every transition, and two stringifications per field were the gateway's costliest line of ours.
 */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => same(x, b[i]));
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x).filter((k) => x[k] !== undefined);
  if (keys.length !== Object.keys(y).filter((k) => y[k] !== undefined).length) return false;
  return keys.every((k) => same(x[k], y[k]));
}

/** The decided wish as $set/$unset of the top-level fields that changed. */
function diff(before: WishDoc, after: Wish): { $set: Record<string, unknown>; $unset: Record<string, ''> } {
  const $set: Record<string, unknown> = {};
  const $unset: Record<string, ''> = {};
  const a = after as unknown as Record<string, unknown>;
  const b = before as unknown as Record<string, unknown>;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (STORE_FIELDS.has(key)) continue;
    if (a[key] === undefined) {
      if (b[key] !== undefined) $unset[key] = '';
    } else if (!same(a[key], b[key])) $set[key] = a[key];
  }
  return { $set, $unset };
}

/**
 * The one way a wish changes: the domain decides (shared/lifecycle `decide`: who may,
 * from which state, with which guards), then one conditional findOneAndUpdate writes the
 * decided fields and appends the event, matching the revision that was decided on. A
 * write that lost a race re-reads and decides again, so the answer is always about the
 * wish as it is (200 claims on one place: one wins, the rest are told ALREADY_CLAIMED).
 */
export async function applyAction(rt: Runtime, a: Apply): Promise<{ wish: WishDoc; event: WishEventDoc }> {
  const { wishes } = collections(rt.db);
  const settings = a.settings ?? settingsOf((await loadCommunity(rt, a.wish.communityId)).settings);
  let wish = a.wish;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const now = rt.now();
    const actor = a.caller ? actorFor(a.caller, wish) : SYSTEM;
    let decision;
    try {
      decision = decide(domainOf(wish), a.action, actor, now, { settings, input: a.input });
    } catch (err) {
      // Outside the wish's community (or before it is published) it does not exist for you.
      if (err instanceof AppError && err.code === 'FORBIDDEN' && a.caller && !canRead(relationsTo(a.caller, wish), wish, a.caller)) {
        throw new AppError('NOT_FOUND', '心愿不存在');
      }
      throw err;
    }
    const event = { ...decision.event, id: newId() } as WishEventDoc;
    const { $set, $unset } = diff(wish, decision.wish);
    Object.assign($set, a.extra?.$set ?? {});
    Object.assign($unset, a.extra?.$unset ?? {});
    for (const k of Object.keys($set)) delete $unset[k];
    const update: UpdateFilter<WishDoc> = { $set: $set as never, $push: { ...(a.extra?.$push ?? {}), events: event } as never, $inc: { rev: 1 } as never };
    if (Object.keys($unset).length) update.$unset = $unset as never;
    const filter: Filter<WishDoc> = {
      _id: wish._id,
      status: wish.status,
      rev: wish.rev === undefined ? { $exists: false } : wish.rev,
    } as Filter<WishDoc>;
    if (a.action === 'claim' && actor.kind === 'user') {
      // Spelled out for the reader: the place must still be free and not already mine.
      Object.assign(filter, { slotsFree: { $gte: 1 }, 'claims.claimerId': { $ne: actor.userId } });
    }
    const after = await wishes.findOneAndUpdate(filter, update, { returnDocument: 'after' });
    if (after) return { wish: after, event };
    const fresh = await wishes.findOne({ _id: wish._id });
    if (!fresh) throw new AppError('NOT_FOUND', '心愿不存在');
    wish = fresh;
  }
  throw new AppError('CONFLICT', '心愿正被多人同时操作，请稍后再试');
}
