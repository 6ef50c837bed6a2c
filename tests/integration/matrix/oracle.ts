/**
 * What the rules say a call must get, worked out from the rules themselves: the action's
 * declared roles (its `defineAction` in cloudfunctions/<fn>/actions), the transition table
 * (`decide` of shared/lifecycle) and the read rule of shared/privacy. Nothing here lists an
 * outcome by hand, so a new action, role, state or guard is covered as soon as it exists.
 */
import {
  ActionSchemas,
  AppError,
  OpenToDeactivated,
  TransitionActions,
  actorOf,
  canRead,
  checkDraft,
  decide,
  type CommunitySettings,
  type DecideInput,
  type ErrorCode,
  type Role,
  type TransitionAction,
  type Wish,
} from '@shared';
import type * as z from 'zod';
import type { ActionDef } from '../../../cloudfunctions/_core/routing/action';

export type Outcome = 'OK' | ErrorCode;

export interface Person {
  id: string;
  roles: readonly Role[];
  memberships: (Parameters<typeof actorOf>[0]['memberships'][number] & { deactivated?: unknown })[];
  /** The community they chose to act in (org.actIn), when they belong to more than one. */
  actingCommunityId?: string;
}

/** Every `fn.action` of the registry. */
export const ALL_ACTIONS: { fn: string; action: string }[] = Object.entries(ActionSchemas).flatMap(([fn, actions]) =>
  Object.keys(actions).map((action) => ({ fn, action })),
);

export function schemaOf(fn: string, action: string): z.ZodType {
  return (ActionSchemas as unknown as Record<string, Record<string, z.ZodType>>)[fn][action];
}

/** The keys of an action's input object (through refinements). */
export function shapeOf(fn: string, action: string): Record<string, z.ZodType> {
  let s = schemaOf(fn, action) as unknown as { shape?: Record<string, z.ZodType>; _zod: { def: { in?: unknown; schema?: unknown } } };
  while (!s.shape && (s._zod.def.in || s._zod.def.schema)) s = (s._zod.def.in ?? s._zod.def.schema) as typeof s;
  return s.shape ?? {};
}

/** The handler of `fn.action`, as its router runs it: one file per action (STYLE.md). */
export function handlerOf(fn: string, action: string): ActionDef {
  return require(`../../../cloudfunctions/${fn}/actions/${action}`).default as ActionDef;
}

/** The fields by which an action names who is to do the work (a dispatch target, a unit member). */
export const TARGET_FIELDS = ['assignTo', 'toUserId'] as const;

/** Actions that take one wish by id: a row of the transition table, or a read of the wish. */
export const WISH_ACTIONS = ALL_ACTIONS.filter(({ fn, action }) => 'wishId' in shapeOf(fn, action));

/** The table's action an API action runs (`wishes.cancel` and `dispatch.cancel` are both `cancel`), or 'read'. */
export function transitionOfAction(action: string): TransitionAction | 'read' {
  return (TransitionActions as readonly string[]).includes(action) ? (action as TransitionAction) : 'read';
}

/** The membership a person's calls are answered under: the community they chose, else their first (as `callerOf` picks). */
function actingOf(person: Person): Person['memberships'][number] | undefined {
  const communities = person.memberships.filter((m) => m.communityId !== undefined);
  return communities.find((m) => m.communityId === person.actingCommunityId) ?? communities[0] ?? person.memberships[0];
}

/** The memberships a call of theirs is answered under (`Caller.acting`): the acting community's and any town's. */
export function actingMemberships(person: Person): Person['memberships'] {
  const acting = actingOf(person);
  return person.memberships.filter((m) => m === acting || m.communityId === undefined);
}

/**
 * The router's gate: a deactivated membership refuses everything but `OpenToDeactivated` (shared/org), public reads
 * included; then signed in (unless public), and holding one of the action's roles in the community they act in.
 */
export function routerOutcome(def: ActionDef, person: Person | null, name?: string): Outcome {
  if (def.auth === 'system') return 'FORBIDDEN';
  const acting = person ? actingOf(person) : undefined;
  if (acting?.deactivated && !(name !== undefined && OpenToDeactivated.includes(name))) return 'MEMBER_DEACTIVATED';
  if (def.auth === 'public') return 'OK';
  if (!person) return 'UNAUTHENTICATED';
  const roles = person.memberships.filter((m) => m === acting || m.communityId === undefined).flatMap((m) => m.roles);
  if (def.roles && !def.roles.some((r) => roles.includes(r))) return 'FORBIDDEN';
  return 'OK';
}

/** What the action's input carries into `decide` (edits for update and resubmit). */
export function decideInputOf(action: string, input: Record<string, unknown>): DecideInput {
  const { wishId: _wishId, ...rest } = input;
  return action === 'update' || action === 'resubmit' ? { edits: rest } : (rest as DecideInput);
}

/**
 * The outcome of `fn.action` on `wish` for `person` (null: not signed in): the router's roles,
 * then the wish's rules. A wish the person may not read does not exist for them (NOT_FOUND),
 * whatever they try; one they may read but not act on is FORBIDDEN.
 */
export function expectedOutcome(
  fn: string,
  action: string,
  person: Person | null,
  wish: Wish,
  input: Record<string, unknown>,
  now: Date,
  settings: CommunitySettings,
  /** The input names a person or unit the action may not be given to: refused once the caller is allowed. */
  badTarget = false,
): { outcome: Outcome; to?: string } {
  const gate = routerOutcome(handlerOf(fn, action), person, `${fn}.${action}`);
  if (gate !== 'OK' || !person) return { outcome: gate };
  const actor = actorOf({ id: person.id, memberships: actingMemberships(person) }, wish.communityId, wish.townId);
  const readable = canRead(wish, actor);
  // A 微故事 is drafted from a wish by the story rules (shared/stories), not the transition table; no fixture has one yet.
  if (fn === 'stories' && action === 'draft') return { outcome: outcomeOf(() => checkDraft(wish, actor, null)) };
  const transition = transitionOfAction(action);
  if (transition === 'read') return { outcome: readable ? 'OK' : 'NOT_FOUND' };
  try {
    const { change } = decide(wish, transition, actor, now, { settings, input: decideInputOf(action, input) });
    return badTarget ? { outcome: 'VALIDATION_FAILED' } : { outcome: 'OK', to: change.set.status as string };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { outcome: err.code === 'FORBIDDEN' && !readable ? 'NOT_FOUND' : err.code };
  }
}

/** OK, or the code of the AppError the rule throws. */
function outcomeOf(rule: () => void): Outcome {
  try {
    rule();
    return 'OK';
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return err.code;
  }
}
