import { AppError } from '../errors';
import type { WishState } from '../enums/wishStates';
import type { CommunitySettings } from '../schemas/settings';
import { Stars, missingWords, type Claim, type Wish } from '../schemas/wish';
import type { DecideInput } from './decide';
import { unitsAdministeredBy, type Actor, type Relation } from './relations';
import { toMillis } from '../schemas/primitives';
import { dispatchedTo, escalationDue, expiredClaims, leaseDurationMs, leaseUntil, placesState, slotsFree, workOf } from './rules';
import type { TransitionAction } from './transitions';

/** The wish fields a step may set or clear; `id` never changes, `communityId` only when the town reassigns it. */
export type WishField = Exclude<keyof Wish, 'id'>;

/**
 * What one step does to a wish, as data: the fields it sets and the ones it clears. The store
 * writes it as one `$set`/`$unset` beside the event; `applyChange` gives the wish it leads to.
 */
export interface WishChange {
  set: Partial<Pick<Wish, WishField>>;
  unset: WishField[];
}

/** What an effect sees: the wish before, who acts and as what, the clock, the rules, the input. */
export interface EffectContext {
  wish: Wish;
  actor: Actor;
  relations: ReadonlySet<Relation>;
  /** The claims this actor answers for: their own, and their unit's when they administer it. */
  mine: readonly Claim[];
  now: Date;
  settings: CommunitySettings;
  input: DecideInput;
}

/** An effect's answer: the change, and where it differs from the row, the state and the event's note and facts. */
export interface Effect {
  set?: WishChange['set'];
  unset?: WishField[];
  /** Only for rows with two outcomes (`otherwise`): which one this step reaches. */
  to?: WishState;
  note?: string;
  meta?: Record<string, string>;
}

function missing(field: string, message: string): never {
  throw new AppError('VALIDATION_FAILED', `输入有误：${field}：${message}`, { fields: [{ path: field, message }] });
}

function userIdOf(actor: Actor): string {
  if (actor.kind === 'system') throw new AppError('INTERNAL', 'the timer cannot act as a person here');
  return actor.userId;
}

function newClaim(actor: Actor, now: Date, settings: CommunitySettings, slots: number, unitId?: string): Claim {
  const userId = userIdOf(actor);
  const claim: Claim = { claimerId: userId, kind: unitId === undefined ? 'user' : 'unit', assigneeId: userId, slots, leaseUntil: leaseUntil(now, settings), extensions: 0, claimedAt: now };
  if (unitId !== undefined) claim.unitId = unitId;
  return claim;
}

/** Back in the pool: the escalation clock restarts. */
function reopen(now: Date): Effect {
  return { set: { openedAt: now }, unset: ['escalation'] };
}

/**
 * Edits as a change: a null clears an optional field, undefined leaves it. The wish they leave must still say what
 * it wants in words or by voice (schemas/wish `missingWords`): deleting the voice note of a wish with no description
 * is refused, field by field, as a new wish would be.
 */
function edited(wish: Wish, edits: DecideInput['edits']): Effect {
  const set: Record<string, unknown> = {};
  const unset: WishField[] = [];
  for (const [key, value] of Object.entries(edits ?? {})) {
    if (value === undefined) continue;
    if (value === null) unset.push(key as WishField);
    else set[key] = value;
  }
  const after = { ...wish, ...set } as Partial<Wish>;
  for (const key of unset) delete after[key];
  const lacking = missingWords(after);
  if (lacking.length > 0) throw new AppError('VALIDATION_FAILED', `输入有误：${lacking[0].path}：${lacking[0].message}`, { fields: lacking });
  return { set: set as WishChange['set'], unset };
}

/** A new claim joins the others; the wish moves as the places then stand (open while one is free). */
function claimed(claim: Claim, ctx: EffectContext, extra: WishChange['set'] = {}): Effect {
  const meta: Record<string, string> = { claimerId: claim.claimerId, leaseUntil: (claim.leaseUntil as Date).toISOString() };
  if (claim.unitId !== undefined) meta.unitId = claim.unitId;
  const claims = [...ctx.wish.claims, claim];
  return { set: { claims, claimedAt: ctx.now, ...extra }, to: placesState({ claims, helpersNeeded: ctx.wish.helpersNeeded }), meta };
}

function assigned(ctx: EffectContext, set: WishChange['set'] = {}): Effect {
  const target = ctx.input.assignTo;
  if (!target) missing('assignTo', '请选择派给谁');
  return { set: { ...set, assignment: { target, by: userIdOf(ctx.actor), at: ctx.now } }, to: 'assigned', meta: { assignKind: target.kind, assignId: target.id } };
}

/** Without the actor's claims; reopened when that frees a place of a full wish. */
function withoutClaims(ctx: EffectContext, gone: ReadonlySet<string>): Effect {
  const claims = ctx.wish.claims.filter((c) => !gone.has(c.claimerId));
  const base = ctx.wish.status !== 'open' ? reopen(ctx.now) : {};
  return { ...base, set: { ...base.set, claims }, meta: { claimerIds: [...gone].join(',') } };
}

function eachClaim(ctx: EffectContext, pick: (c: Claim) => boolean, change: (c: Claim) => Partial<Claim>): Claim[] {
  return ctx.wish.claims.map((c) => (pick(c) ? { ...c, ...change(c) } : c));
}

const isMine = (ctx: EffectContext) => {
  const ids = new Set(ctx.mine.map((c) => c.claimerId));
  return (c: Claim) => ids.has(c.claimerId);
};

/** The effect of each row of the transition table (transitions.ts names them by action). */
export const EFFECTS: Record<TransitionAction, (ctx: EffectContext) => Effect> = {
  approve: (ctx) => {
    const set: WishChange['set'] = { approvedAt: ctx.now, openedAt: ctx.now };
    if (ctx.input.priority) set.priority = ctx.input.priority;
    return ctx.input.assignTo ? { ...assigned(ctx, set), unset: ['escalation'] } : { set, unset: ['escalation'] };
  },
  reject: (ctx) => {
    if (!ctx.input.reason) missing('reason', '请填写不通过的原因');
    return { set: { rejectReason: ctx.input.reason } };
  },
  // Back in review as a new submission: its waiting time starts again.
  resubmit: (ctx) => {
    const e = edited(ctx.wish, ctx.input.edits);
    return { ...e, set: { ...e.set, submittedAt: ctx.now }, unset: [...(e.unset ?? []), 'rejectReason'] };
  },
  update: (ctx) => edited(ctx.wish, ctx.input.edits),
  cancel: (ctx) => ({ set: { cancelledAt: ctx.now, claims: [] }, unset: ['assignment'] }),
  claim: (ctx) => {
    const { actor, input, wish } = ctx;
    const asUnit = input.asUnit;
    if (asUnit !== undefined && (actor.kind === 'system' || !actor.roles.includes('unit_admin') || actor.unitId !== asUnit)) {
      throw new AppError('FORBIDDEN', '只有单位管理员可以代表单位认领', { action: 'claim', asUnit });
    }
    // A unit brings its team: it takes every free place; a volunteer takes one.
    return claimed(newClaim(actor, ctx.now, ctx.settings, asUnit !== undefined ? slotsFree(wish) : 1, asUnit), ctx);
  },
  extend: (ctx) => {
    // One more lease on top of what is left (a lapsed one counts from now), so the countdown moves.
    const extended = (c: Claim) => new Date(Math.max(toMillis(c.leaseUntil), ctx.now.getTime()) + leaseDurationMs(ctx.settings));
    const claims = eachClaim(ctx, isMine(ctx), (c) => ({ leaseUntil: extended(c), extensions: c.extensions + 1 }));
    const mine = claims.find(isMine(ctx)) ?? ctx.mine[0];
    return { set: { claims }, meta: { leaseUntil: new Date(toMillis(mine.leaseUntil)).toISOString() } };
  },
  release: (ctx) => withoutClaims(ctx, new Set(ctx.mine.map((c) => c.claimerId))),
  expire: (ctx) => withoutClaims(ctx, new Set(expiredClaims(ctx.wish, ctx.now).map((c) => c.claimerId))),
  assign: (ctx) => assigned(ctx),
  accept: (ctx) => {
    const target = ctx.wish.assignment!.target;
    // Staff chose this helper for the whole wish: the accepted claim holds every place.
    const claim = newClaim(ctx.actor, ctx.now, ctx.settings, Math.max(1, slotsFree(ctx.wish)), target.kind === 'unit' ? target.id : undefined);
    return { ...claimed(claim, ctx), unset: ['assignment'] };
  },
  decline: (ctx) => {
    const target = ctx.wish.assignment!.target;
    const back = reopen(ctx.now);
    return { ...back, unset: [...back.unset!, 'assignment'], meta: { assignKind: target.kind, assignId: target.id } };
  },
  // 收回: every claim (none started, the row's guards) and an unanswered dispatch go, and the wish is back in the pool
  // with its escalation clock restarted, or dispatched at once to whom staff picked instead. The reason is the event's
  // note, which those it was taken from are told.
  recall: (ctx) => {
    const { wish, input } = ctx;
    if (!input.reason) missing('reason', '请填写收回的原因');
    const was = wish.assignment?.target;
    const people = [...new Set([...wish.claims.flatMap((c) => [c.claimerId, c.assigneeId]), ...(was?.kind === 'user' ? [was.id] : [])])];
    const units = new Set([...wish.claims.flatMap((c) => (c.unitId !== undefined ? [c.unitId] : [])), ...(was?.kind === 'unit' ? [was.id] : [])]);
    const target = input.assignTo;
    if (target && (target.kind === 'user' ? people.includes(target.id) : units.has(target.id))) missing('assignTo.id', '收回后不能再派给原来的人或单位，请另选');
    const meta: Record<string, string> = { claimerIds: people.join(',') };
    if (was?.kind === 'unit') meta.recalledUnitId = was.id;
    const back = reopen(ctx.now);
    if (!target) return { set: { ...back.set, claims: [] }, unset: [...back.unset!, 'assignment'], to: 'open', meta };
    const sent = assigned(ctx, { ...back.set, claims: [] });
    return { ...sent, unset: back.unset, meta: { ...meta, ...sent.meta } };
  },
  handover: (ctx) => {
    const toUserId = ctx.input.toUserId;
    if (!toUserId) missing('toUserId', '请选择转交给哪位成员');
    const units = unitsAdministeredBy(ctx.actor);
    return { set: { claims: eachClaim(ctx, (c) => c.kind === 'unit' && c.unitId !== undefined && units.includes(c.unitId), () => ({ assigneeId: toUserId })) }, meta: { toUserId } };
  },
  // Each helper starts their own part: the others keep their leases, and free places stay open.
  start: (ctx) => {
    const claims = eachClaim(ctx, isMine(ctx), () => ({ startedAt: ctx.now }));
    return { set: { claims }, to: placesState({ claims, helpersNeeded: ctx.wish.helpersNeeded }) };
  },
  progress: (ctx) => {
    if (!ctx.input.note) missing('note', '请填写进展');
    return {};
  },
  complete: (ctx) => {
    const { note, photos, hours } = ctx.input;
    if (!note) missing('note', '请填写完成情况');
    // Each helper finishes their own part; the wish is done when every place is taken and finished.
    const claims = eachClaim(ctx, isMine(ctx), () => ({ completedAt: ctx.now }));
    const to = placesState({ claims, helpersNeeded: ctx.wish.helpersNeeded });
    const meta = hours !== undefined ? { meta: { hours: String(hours) } } : {};
    if (to !== 'done') return { set: { claims }, to, ...meta };
    const completion: NonNullable<Wish['completion']> = { note, by: userIdOf(ctx.actor), at: ctx.now };
    if (photos?.length) completion.photos = photos;
    if (hours !== undefined) completion.hours = hours;
    return { set: { claims, doneAt: ctx.now, completion }, to, ...meta };
  },
  confirm: (ctx) => ({ set: { confirmedAt: ctx.now }, ...(ctx.actor.kind === 'system' ? { note: ctx.input.note ?? '超时自动确认' } : {}) }),
  dispute: (ctx) => {
    if (!ctx.input.reason) missing('reason', '请填写没有完成的原因');
    // Back to work: nothing counts as finished until the helpers complete again (and the auto-confirm clock waits for that).
    const claims = ctx.wish.claims.map(({ completedAt: _undone, ...claim }) => claim);
    return { set: { claims }, unset: ['doneAt', 'completion'], meta: { claimerIds: claims.map((c) => c.assigneeId).join(',') } };
  },
  rate: (ctx) => {
    const { comment } = ctx.input;
    const stars = Stars.safeParse(ctx.input.stars);
    if (!stars.success) missing('stars', '请评 1 到 5 星');
    const rating: NonNullable<Wish['rating']> = { stars: stars.data, by: userIdOf(ctx.actor), at: ctx.now };
    if (comment) rating.comment = comment;
    return { set: { rating }, note: comment, meta: { stars: String(stars.data) } };
  },
  // Whom it tells is the announcement's business (who holds the work, else staff): the step itself only starts the day's wait again.
  nudge: (ctx) => ({ set: { nudgedAt: ctx.now }, meta: { claimerIds: ctx.wish.claims.filter((c) => c.completedAt === undefined).map((c) => c.assigneeId).join(',') } }),
  escalate: (ctx) => {
    const level = escalationDue(ctx.wish, ctx.settings, ctx.now)!;
    return { set: { escalation: { level, at: ctx.now } }, meta: { level } };
  },
  // The voice note stays: a helper may still want to hear it, and staff to check what they typed against it.
  transcribe: (ctx) => {
    if (!ctx.input.description) missing('description', '请填写语音里说的内容');
    return { set: { description: ctx.input.description, ...(ctx.input.title ? { title: ctx.input.title } : {}) } };
  },
  urge: (ctx) => {
    if (!ctx.input.note) missing('note', '请填写催办内容');
    return {};
  },
  // The new community takes it as it stands, still raised to the town (the town keeps it in sight); the old one's
  // building, grid and dispatch mean nothing there (the store finds the new grid by position).
  reassign: (ctx) => {
    const to = ctx.input.toCommunityId;
    if (!to) missing('toCommunityId', '请选择改派到哪个社区');
    if (to === ctx.wish.communityId) missing('toCommunityId', '已在这个社区，请选择另一个社区');
    return { set: { communityId: to }, unset: ['assignment', 'buildingId', 'gridId'], meta: { fromCommunityId: ctx.wish.communityId, toCommunityId: to } };
  },
  // Every place of theirs freed leaves a place free, so the wish is open again (others keep theirs, started or not).
  // A dispatch to the member's unit goes too once nobody active is left in it (`emptiedUnitId`): nobody could accept it.
  vacate: (ctx) => {
    const unit = ctx.input.emptiedUnitId;
    const memberId = ctx.input.memberId ?? (unit === undefined ? missing('memberId', '请选择成员') : undefined);
    const gone = new Set(memberId === undefined ? [] : workOf(ctx.wish, memberId));
    const unitWithdrawn = unit !== undefined && dispatchedTo(ctx.wish, unit, 'unit') ? unit : undefined;
    const withdrawn = unitWithdrawn !== undefined || (memberId !== undefined && dispatchedTo(ctx.wish, memberId));
    const back = ctx.wish.status !== 'open' ? reopen(ctx.now) : {};
    return {
      set: { ...back.set, claims: ctx.wish.claims.filter((c) => !gone.has(c)) },
      unset: [...(back.unset ?? []), ...(withdrawn ? (['assignment'] as const) : [])],
      note: unitWithdrawn ? '承接单位已无在岗人员，心愿重新等待认领' : '服务人已停用，心愿重新等待认领',
      meta: { ...(memberId !== undefined ? { memberId } : {}), claimerIds: [...gone].map((c) => c.claimerId).join(','), ...(unitWithdrawn ? { withdrawnUnitId: unitWithdrawn } : {}) },
    };
  },
  townAssign: (ctx) => {
    const unitId = ctx.input.unitId;
    if (!unitId) missing('unitId', '请选择共建单位');
    return assigned({ ...ctx, input: { ...ctx.input, assignTo: { kind: 'unit', id: unitId } } });
  },
};

/** The wish a change leads to (pure: the store does the same with `$set`/`$unset`). */
export function applyChange(wish: Wish, change: WishChange): Wish {
  const next: Record<string, unknown> = { ...wish, ...change.set };
  for (const key of change.unset) if (!(key in change.set)) delete next[key];
  return next as Wish;
}
