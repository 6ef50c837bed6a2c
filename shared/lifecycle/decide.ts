import { AppError } from '../errors';
import type { Role } from '../enums/roles';
import { WishStateLabels, type WishState } from '../enums/wishStates';
import type { Priority } from '../enums/priorities';
import type { WishEvent } from '../schemas/event';
import { DEFAULT_SETTINGS, type CommunitySettings } from '../schemas/settings';
import type { AssignTarget, Claim, Wish } from '../schemas/wish';
import type { wishEdits } from '../actions/wishes';
import type * as z from 'zod';
import { WishActionLabels } from './actions';
import { relationsOf, type Actor, type Relation } from './relations';
import { autoConfirmDue, canExtend, escalationDue, expiredClaims, leaseUntil, slotsFree, slotsTaken } from './rules';
import { GuardCodes, TransitionActions, transitionOf, type Guard, type Transition, type TransitionAction } from './transitions';

/** What a few actions carry besides the wish id (already parsed by the action schemas). */
export interface DecideInput {
  assignTo?: AssignTarget;
  priority?: Priority;
  asUnit?: string;
  toUserId?: string;
  reason?: string;
  note?: string;
  photos?: string[];
  hours?: number;
  stars?: number;
  comment?: string;
  edits?: Partial<{ [K in keyof typeof wishEdits]: z.output<(typeof wishEdits)[K]> }>;
}

export interface DecideOptions {
  settings?: CommunitySettings;
  input?: DecideInput;
}

/** An event as decided, before the store gives it an id. */
export type WishEventDraft = Omit<WishEvent, 'id' | 'at'> & { at: Date };

export interface Decision {
  to: WishState;
  event: WishEventDraft;
  /** The wish after the action: status, claims, assignment and timestamps updated. */
  wish: Wish;
}

const RELATION_ROLE: Partial<Record<Relation, Role>> = {
  staff: 'secretary',
  grid_staff: 'grid_worker',
  unit_admin_of_claiming_unit: 'unit_admin',
  owner: 'resident',
};

/** The role an event shows: the one the actor acted in. */
function roleFor(actor: Actor, used: Relation | undefined): Role | undefined {
  if (actor.kind === 'system') return undefined;
  const byRelation = used ? RELATION_ROLE[used] : undefined;
  if (byRelation && actor.roles.includes(byRelation)) return byRelation;
  return actor.roles.find((r) => r === 'party_member') ?? actor.roles.find((r) => r === 'volunteer') ?? actor.roles[0];
}

function refuse(code: 'FORBIDDEN' | 'INVALID_TRANSITION' | 'ALREADY_CLAIMED' | 'CONFLICT', message: string, details?: unknown): never {
  throw new AppError(code, message, details);
}

function missing(field: string, message: string): never {
  throw new AppError('VALIDATION_FAILED', `输入有误：${field}：${message}`, { fields: [{ path: field, message }] });
}

/** The claims this actor answers for: their own, plus their unit's when they administer it. */
function claimsOfActor(wish: Wish, actor: Actor, relations: Set<Relation>): Claim[] {
  if (actor.kind === 'system') return [];
  return wish.claims.filter(
    (c) =>
      c.claimerId === actor.userId ||
      (relations.has('unit_admin_of_claiming_unit') && c.kind === 'unit' && c.unitId === actor.unitId),
  );
}

function guardHolds(guard: Guard, wish: Wish, actor: Actor, relations: Set<Relation>, settings: CommunitySettings, now: Date, input: DecideInput): boolean {
  switch (guard) {
    case 'slot_free':
      return slotsFree(wish) > 0;
    case 'not_claiming_yet':
      if (actor.kind === 'system') return true;
      return !wish.claims.some(
        (c) => c.claimerId === actor.userId || (input.asUnit !== undefined && c.kind === 'unit' && c.unitId === input.asUnit),
      );
    case 'extensions_left':
      return claimsOfActor(wish, actor, relations).every((c) => canExtend(c, settings));
    case 'lease_expired':
      return expiredClaims(wish, now).length > 0;
    case 'no_claims':
      return wish.claims.length === 0;
    case 'auto_confirm_due':
      // Only the timer needs to wait; the resident may confirm at once.
      return actor.kind !== 'system' || autoConfirmDue(wish, settings, now);
    case 'not_rated':
      return wish.rating === undefined;
    case 'escalation_due':
      return escalationDue(wish, settings, now) !== null;
  }
}

const GUARD_MESSAGES: Record<Guard, string> = {
  slot_free: '心愿已被认领满了',
  not_claiming_yet: '你已认领过这个心愿',
  extensions_left: '延期次数已用完',
  lease_expired: '认领尚未超时',
  no_claims: '已有人认领，不能再派单',
  auto_confirm_due: '尚未到自动确认时间',
  not_rated: '已经评价过了',
  escalation_due: '尚未到上报时间',
};

/** Checks actor, state and guards in that order; the first failure decides the code. */
function authorize(t: Transition, wish: Wish, actor: Actor, relations: Set<Relation>, settings: CommunitySettings, now: Date, input: DecideInput): Relation {
  const used = t.actors.find((r) => relations.has(r));
  if (used === undefined) {
    refuse('FORBIDDEN', `无权${WishActionLabels[t.action]}`, { action: t.action, allowed: t.actors });
  }
  if (!t.from.includes(wish.status)) {
    const details = { action: t.action, status: wish.status };
    if (t.takenIn?.includes(wish.status)) refuse('ALREADY_CLAIMED', '心愿已被认领', details);
    refuse('INVALID_TRANSITION', `心愿${WishStateLabels[wish.status]}，不能${WishActionLabels[t.action]}`, details);
  }
  for (const g of t.guards ?? []) {
    if (!guardHolds(g, wish, actor, relations, settings, now, input)) {
      refuse(GuardCodes[g], GUARD_MESSAGES[g], { action: t.action, guard: g });
    }
  }
  return used;
}

function newClaim(actor: Actor, now: Date, settings: CommunitySettings, slots: number, unitId?: string): Claim {
  if (actor.kind === 'system') throw new AppError('INTERNAL', 'system cannot claim');
  const claim: Claim = {
    claimerId: actor.userId,
    kind: unitId === undefined ? 'user' : 'unit',
    assigneeId: actor.userId,
    slots,
    leaseUntil: leaseUntil(now, settings),
    extensions: 0,
    claimedAt: now,
  };
  if (unitId !== undefined) claim.unitId = unitId;
  return claim;
}

function reopened(next: Wish, now: Date): void {
  next.openedAt = now;
  delete next.escalation;
}

function applyEdits(next: Wish, edits: DecideInput['edits']): void {
  if (!edits) return;
  const target = next as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(edits)) {
    if (value === undefined) continue;
    if (value === null) delete target[key];
    else target[key] = value;
  }
}

/**
 * Decide whether `actor` may do `action` to `wish` now. Returns the new state,
 * the event to append, and the wish as it will be; throws AppError with
 * FORBIDDEN, INVALID_TRANSITION, ALREADY_CLAIMED or CONFLICT otherwise.
 * Pure: the caller stores the result atomically (matching on the old status).
 */
export function decide(wish: Wish, action: TransitionAction, actor: Actor, now: Date, options: DecideOptions = {}): Decision {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const input = options.input ?? {};
  const t = transitionOf(action);
  const relations = relationsOf(actor, wish);
  const used = authorize(t, wish, actor, relations, settings, now, input);

  const next: Wish = { ...wish, claims: wish.claims.map((c) => ({ ...c })), updatedAt: now };
  let to: WishState = t.to === 'same' ? wish.status : t.to;
  const meta: Record<string, string> = {};
  let note: string | undefined = input.note ?? input.reason;

  switch (action) {
    case 'approve':
      if (input.priority) next.priority = input.priority;
      next.approvedAt = now;
      reopened(next, now);
      if (input.assignTo) {
        to = 'assigned';
        next.assignment = { target: input.assignTo, by: (actor as { userId: string }).userId, at: now };
        meta.assignKind = input.assignTo.kind;
        meta.assignId = input.assignTo.id;
      }
      break;
    case 'reject':
      if (!input.reason) missing('reason', '请填写不通过的原因');
      next.rejectReason = input.reason;
      break;
    case 'resubmit':
      applyEdits(next, input.edits);
      delete next.rejectReason;
      break;
    case 'update':
      applyEdits(next, input.edits);
      break;
    case 'cancel':
      next.cancelledAt = now;
      next.claims = [];
      delete next.assignment;
      break;
    case 'claim': {
      const asUnit = input.asUnit;
      if (asUnit !== undefined && (actor.kind === 'system' || !actor.roles.includes('unit_admin') || actor.unitId !== asUnit)) {
        refuse('FORBIDDEN', '只有单位管理员可以代表单位认领', { action, asUnit });
      }
      // A unit brings its team: it takes every free place; a volunteer takes one.
      const slots = asUnit !== undefined ? slotsFree(wish) : 1;
      const claim = newClaim(actor, now, settings, slots, asUnit);
      next.claims.push(claim);
      next.claimedAt = now;
      to = slotsTaken(next) >= next.helpersNeeded ? 'claimed' : 'open';
      meta.claimerId = claim.claimerId;
      meta.leaseUntil = (claim.leaseUntil as Date).toISOString();
      if (asUnit !== undefined) meta.unitId = asUnit;
      break;
    }
    case 'extend': {
      const mine = new Set(claimsOfActor(wish, actor, relations).map((c) => c.claimerId));
      const until = leaseUntil(now, settings);
      for (const c of next.claims) {
        if (!mine.has(c.claimerId)) continue;
        c.leaseUntil = until;
        c.extensions += 1;
      }
      meta.leaseUntil = until.toISOString();
      break;
    }
    case 'release': {
      const mine = new Set(claimsOfActor(wish, actor, relations).map((c) => c.claimerId));
      next.claims = next.claims.filter((c) => !mine.has(c.claimerId));
      meta.claimerIds = [...mine].join(',');
      if (wish.status === 'claimed') reopened(next, now);
      break;
    }
    case 'expire': {
      const gone = new Set(expiredClaims(wish, now).map((c) => c.claimerId));
      next.claims = next.claims.filter((c) => !gone.has(c.claimerId));
      meta.claimerIds = [...gone].join(',');
      if (wish.status === 'claimed') reopened(next, now);
      break;
    }
    case 'assign':
      if (!input.assignTo) missing('assignTo', '请选择派给谁');
      next.assignment = { target: input.assignTo, by: (actor as { userId: string }).userId, at: now };
      meta.assignKind = input.assignTo.kind;
      meta.assignId = input.assignTo.id;
      break;
    case 'accept': {
      const target = wish.assignment!.target;
      // Staff chose this helper for the whole wish: the accepted claim holds every place.
      const claim = newClaim(actor, now, settings, Math.max(1, slotsFree(wish)), target.kind === 'unit' ? target.id : undefined);
      next.claims.push(claim);
      next.claimedAt = now;
      delete next.assignment;
      meta.claimerId = claim.claimerId;
      meta.leaseUntil = (claim.leaseUntil as Date).toISOString();
      break;
    }
    case 'decline':
      meta.assignKind = wish.assignment!.target.kind;
      meta.assignId = wish.assignment!.target.id;
      delete next.assignment;
      reopened(next, now);
      break;
    case 'handover': {
      if (!input.toUserId) missing('toUserId', '请选择转交给哪位成员');
      const unitId = (actor as { unitId?: string }).unitId;
      for (const c of next.claims) if (c.kind === 'unit' && c.unitId === unitId) c.assigneeId = input.toUserId;
      meta.toUserId = input.toUserId;
      break;
    }
    case 'start':
      for (const c of next.claims) c.startedAt = now;
      break;
    case 'progress':
      if (!input.note) missing('note', '请填写进展');
      break;
    case 'complete': {
      if (!input.note) missing('note', '请填写完成情况');
      next.doneAt = now;
      next.completion = { note: input.note, by: (actor as { userId: string }).userId, at: now };
      if (input.photos?.length) next.completion.photos = input.photos;
      if (input.hours !== undefined) next.completion.hours = input.hours;
      if (input.hours !== undefined) meta.hours = String(input.hours);
      break;
    }
    case 'confirm':
      next.confirmedAt = now;
      if (actor.kind === 'system') note = note ?? '超时自动确认';
      break;
    case 'rate': {
      const stars = input.stars;
      if (stars === undefined || !Number.isInteger(stars) || stars < 1 || stars > 5) missing('stars', '请评 1 到 5 星');
      next.rating = { stars, by: (actor as { userId: string }).userId, at: now };
      if (input.comment) next.rating.comment = input.comment;
      note = input.comment;
      meta.stars = String(stars);
      break;
    }
    case 'escalate': {
      const level = escalationDue(wish, settings, now)!;
      next.escalation = { level, at: now };
      meta.level = level;
      break;
    }
  }

  next.status = to;
  // Keep the store's denormalised counter in step when the wish carries one.
  if (wish.slotsFree !== undefined || next.slotsFree !== undefined) next.slotsFree = slotsFree(next);
  const role = roleFor(actor, used);
  const event: WishEventDraft = {
    wishId: wish.id,
    communityId: wish.communityId,
    action,
    actor: actor.kind === 'system' ? { kind: 'system' } : { kind: 'user', userId: actor.userId, ...(role ? { role } : {}) },
    from: wish.status,
    to,
    at: now,
  };
  if (note) event.note = note;
  if ((action === 'progress' || action === 'complete') && input.photos?.length) event.photos = input.photos;
  if (Object.keys(meta).length > 0) event.meta = meta;
  return { to, event, wish: next };
}

/** Placeholder input so allowedActions can ask decide about actions that need one. */
const PROBE_INPUT: DecideInput = { reason: '-', note: '-', stars: 5, toUserId: 'probe', assignTo: { kind: 'user', id: 'probe' } };

/** The actions this actor may take on this wish now: what a UI shows as buttons. */
export function allowedActions(wish: Wish, actor: Actor, now: Date = new Date(), settings: CommunitySettings = DEFAULT_SETTINGS): TransitionAction[] {
  const out: TransitionAction[] = [];
  for (const action of TransitionActions) {
    try {
      decide(wish, action, actor, now, { settings, input: PROBE_INPUT });
      out.push(action);
    } catch {
      // Refused: not a button for this viewer.
    }
  }
  return out;
}
