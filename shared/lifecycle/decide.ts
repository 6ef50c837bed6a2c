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
import { OWN_WISH_CLAIM_MESSAGE, isWishFor } from './dispatchTargets';
import { relationsOf, unitsAdministeredBy, type Actor, type Relation } from './relations';
import { autoConfirmDue, canExtend, dispatchedTo, escalationDue, expiredClaims, nudgeDueAt, slotsFree, workOf } from './rules';
import { EFFECTS, type WishChange } from './effects';
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
  /** 督办: the community of the same town a wish moves to (reassign), the town-level unit it goes to (townAssign). */
  toCommunityId?: string;
  unitId?: string;
  /** 停用: the deactivated member whose work goes back (vacate). */
  memberId?: string;
  /**
   * A co-building unit nobody answers for any more (shared `answersForUnit`: no active admin), after a 停用 or a role
   * change took its last: a dispatch still waiting for the unit (nobody accepted it, so nobody holds a place) goes back
   * too, as nobody there can accept it now (vacate). With it, `memberId` may be absent (the timer's repair names no one).
   */
  emptiedUnitId?: string;
  /** 整理语音: what staff typed out of the voice note, and a better title if they gave one (transcribe). */
  description?: string;
  title?: string;
  edits?: Partial<{ [K in keyof typeof wishEdits]: z.output<(typeof wishEdits)[K]> }>;
}

export interface DecideOptions {
  settings?: CommunitySettings;
  input?: DecideInput;
}

/** An event as decided, before the store gives it an id. */
export type WishEventDraft = Omit<WishEvent, 'id' | 'at'> & { at: Date };

/** A decided step: the event to append and the change to the wish, written together by the store. */
export interface Decision {
  event: WishEventDraft;
  change: WishChange;
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

/** The claims this actor answers for: their own, one handed to them, plus their unit's when they administer it. */
function claimsOfActor(wish: Wish, actor: Actor, relations: Set<Relation>): Claim[] {
  if (actor.kind === 'system') return [];
  const units = unitsAdministeredBy(actor);
  return wish.claims.filter(
    (c) =>
      c.claimerId === actor.userId ||
      c.assigneeId === actor.userId ||
      (relations.has('unit_admin_of_claiming_unit') && c.kind === 'unit' && c.unitId !== undefined && units.includes(c.unitId)),
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
    case 'not_started':
      return claimsOfActor(wish, actor, relations).every((c) => c.startedAt === undefined);
    case 'started':
      return claimsOfActor(wish, actor, relations).every((c) => c.startedAt !== undefined);
    case 'not_finished':
      return claimsOfActor(wish, actor, relations).every((c) => c.completedAt === undefined);
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
    case 'held':
      return wish.claims.length > 0 || wish.assignment !== undefined;
    case 'none_started':
      return wish.claims.every((c) => c.startedAt === undefined);
    case 'has_voice':
      return wish.voice !== undefined;
    case 'member_holds_work':
      return (
        (input.memberId !== undefined && (workOf(wish, input.memberId).length > 0 || dispatchedTo(wish, input.memberId))) ||
        (input.emptiedUnitId !== undefined && dispatchedTo(wish, input.emptiedUnitId, 'unit'))
      );
    case 'nudge_due': {
      const due = nudgeDueAt(wish);
      return due !== null && now.getTime() >= due.getTime();
    }
  }
}

const GUARD_MESSAGES: Record<Guard, string> = {
  slot_free: '心愿已被认领满了',
  not_claiming_yet: '你已认领过这个心愿',
  extensions_left: '延期次数已用完',
  not_started: '你已开始服务',
  started: '请先开始服务',
  not_finished: '你已完成服务',
  lease_expired: '认领尚未超时',
  no_claims: '已有人认领，不能再派单',
  auto_confirm_due: '尚未到自动确认时间',
  not_rated: '已经评价过了',
  escalation_due: '尚未到上报时间',
  nudge_due: '心愿有进展或刚催过，满一天后才能再催',
  held: '没有人认领或接单，无需收回',
  none_started: '已有人开始服务，不能收回',
  member_holds_work: '该成员没有承接这个心愿',
  has_voice: '这个心愿没有语音，无需整理',
};

/** Checks actor, state and guards in that order; the first failure decides the code. */
function authorize(t: Transition, wish: Wish, actor: Actor, relations: Set<Relation>, settings: CommunitySettings, now: Date, input: DecideInput): Relation {
  const used = t.actors.find((r) => relations.has(r));
  if (used === undefined) {
    // Only a volunteer may claim, and the people the wish is for never are one of it: told so, not just 无权.
    if (t.actors.includes('volunteer') && actor.kind === 'user' && isWishFor(wish, actor.userId)) {
      refuse('FORBIDDEN', OWN_WISH_CLAIM_MESSAGE, { action: t.action, allowed: t.actors, reason: 'own_wish' });
    }
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

/**
 * Decide whether `actor` may do `action` to `wish` now. Returns the event to append and the
 * change to write (the row's effect, plus the state and `updatedAt`); throws AppError with
 * FORBIDDEN, INVALID_TRANSITION, ALREADY_CLAIMED or CONFLICT otherwise. Pure: the store writes
 * both at once, matching the revision the decision was made on.
 */
export function decide(wish: Wish, action: TransitionAction, actor: Actor, now: Date, options: DecideOptions = {}): Decision {
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const input = options.input ?? {};
  const t = transitionOf(action);
  const relations = relationsOf(actor, wish);
  const used = authorize(t, wish, actor, relations, settings, now, input);

  const effect = EFFECTS[action]({ wish, actor, relations, mine: claimsOfActor(wish, actor, relations), now, settings, input });
  const to: WishState = effect.to ?? (t.to === 'same' ? wish.status : t.to);
  if (to !== wish.status && to !== t.to && !t.otherwise?.includes(to)) throw new AppError('INTERNAL', `${action} reached ${to}, which its row does not name`);
  const change: WishChange = { set: { ...effect.set, status: to, updatedAt: now }, unset: effect.unset ?? [] };

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
  const note = effect.note ?? input.note ?? input.reason;
  if (note) event.note = note;
  if ((action === 'progress' || action === 'complete') && input.photos?.length) event.photos = input.photos;
  if (effect.meta && Object.keys(effect.meta).length > 0) event.meta = effect.meta;
  return { event, change };
}

/** Placeholder input so allowedActions can ask decide about actions that need one. */
const PROBE_INPUT: DecideInput = { reason: '-', note: '-', description: '-', stars: 5, toUserId: 'probe', assignTo: { kind: 'user', id: 'probe' }, toCommunityId: 'probe', unitId: 'probe' };

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
