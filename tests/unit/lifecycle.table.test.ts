/**
 * The wish lifecycle, exhaustively: for every state (in every realistic
 * variant), every action of the table and every relation an actor can hold,
 * the decision is exactly what the transition table says. Expectations are
 * generated from TRANSITIONS; nothing here is hand-picked.
 */
import {
  AppError,
  GuardCodes,
  type Actor,
  type Claim,
  type Guard,
  Relations,
  SupervisionActions,
  TRANSITIONS,
  WishEvent,
  WishStates,
  Wish,
  relationsOf,
  type Relation,
  type Transition,
  type WishState,
} from '@shared';
import { actorFor } from './support/people';
import { NOW, inputFor, isRealisable, preparedFor, step, variantsOf } from './support/wishes';

/** Where the row may lead: its `to`, its other outcomes (places still free…), or staying put. */
type Expected = { allowed: true; to: readonly WishState[] } | { allowed: false; code: string };

/** The places this actor answers for: claimed by them, handed to them, or their unit's when they administer it. */
function placesOf(wish: Wish, actor: Actor, held: Set<Relation>): Claim[] {
  if (actor.kind === 'system') return [];
  return wish.claims.filter((c) => c.claimerId === actor.userId || c.assigneeId === actor.userId || (held.has('unit_admin_of_claiming_unit') && c.kind === 'unit' && c.unitId === actor.unitId));
}

/** Guards about the actor's own place (a claimer cannot claim twice, nor release work already started). */
const OWN_PLACE: Partial<Record<Guard, (mine: Claim[], held: Set<Relation>) => boolean>> = {
  not_claiming_yet: (_mine, held) => !held.has('claimer'),
  not_started: (mine) => mine.every((c) => !c.startedAt),
  started: (mine) => mine.every((c) => !!c.startedAt),
  not_finished: (mine) => mine.every((c) => !c.completedAt),
};

/** Guards about the wish as a whole (收回: someone holds it, and nobody has started). */
const WHOLE_WISH: Partial<Record<Guard, (wish: Wish) => boolean>> = {
  held: (wish) => wish.claims.length > 0 || wish.assignment !== undefined,
  none_started: (wish) => wish.claims.every((c) => !c.startedAt),
  has_voice: (wish) => wish.voice !== undefined,
};

/** What the table says, given every relation the actor actually holds. */
function expectedOf(t: Transition, wish: Wish, actor: Actor, held: Set<Relation>): Expected {
  const status = wish.status;
  if (!t.actors.some((r) => held.has(r))) return { allowed: false, code: 'FORBIDDEN' };
  if (!t.from.includes(status)) {
    return { allowed: false, code: t.takenIn?.includes(status) ? 'ALREADY_CLAIMED' : 'INVALID_TRANSITION' };
  }
  const mine = placesOf(wish, actor, held);
  for (const g of t.guards ?? []) {
    if (OWN_PLACE[g] && !OWN_PLACE[g](mine, held)) return { allowed: false, code: GuardCodes[g] };
    if (WHOLE_WISH[g] && !WHOLE_WISH[g](wish)) return { allowed: false, code: GuardCodes[g] };
  }
  // Leases bind only places whose work has not started.
  if (t.guards?.includes('lease_expired') && wish.claims.every((c) => c.startedAt)) return { allowed: false, code: GuardCodes.lease_expired };
  // 停用: only a member with unfinished work on it (a place they hold or were handed, or the dispatch) has anything to give back.
  if (t.guards?.includes('member_holds_work')) {
    const m = inputFor(t.action).memberId;
    const holds = wish.claims.some((c) => !c.completedAt && (c.assigneeId === m || (c.kind === 'user' && c.claimerId === m)));
    if (!holds && !(wish.assignment?.target.kind === 'user' && wish.assignment.target.id === m)) return { allowed: false, code: GuardCodes.member_holds_work };
  }
  return { allowed: true, to: t.to === 'same' ? [status] : [t.to, ...(t.otherwise ?? []), status] };
}

const cases = WishStates.flatMap((status) =>
  variantsOf(status).flatMap((variant) =>
    TRANSITIONS.flatMap((t) => Relations.map((relation) => ({ status, variant: variant.name, wish: variant.wish, t, relation }))),
  ),
);

describe.each(WishStates)('a wish that is %s', (status) => {
  const mine = cases.filter((c) => c.status === status);

  test.each(mine.map((c) => [c.variant, c.t.action, c.relation, c] as const))(
    '(%s) %s by %s: as the table says',
    (_variant, action, relation, c) => {
      const wish = preparedFor(action, c.wish);
      const actor = actorFor(relation, wish);
      const held = relationsOf(actor, wish);
      if (isRealisable(relation, wish)) expect(held.has(relation)).toBe(true);

      const expected = expectedOf(c.t, wish, actor, held);
      const run = () => step(wish, action, actor, NOW, { input: inputFor(action) });

      if (!expected.allowed) {
        let thrown: unknown;
        try {
          run();
        } catch (err) {
          thrown = err;
        }
        expect(thrown).toBeInstanceOf(AppError);
        expect((thrown as AppError).code).toBe(expected.code);
        return;
      }

      const decision = run();
      expect(expected.to).toContain(decision.to);
      expect(decision.wish.status).toBe(decision.to);
      expect(decision.event).toMatchObject({ wishId: wish.id, communityId: wish.communityId, action, from: status, to: decision.to, at: NOW });
      expect(decision.event.actor.kind).toBe(actor.kind);
      if (actor.kind === 'user') expect(decision.event.actor).toMatchObject({ userId: actor.userId });
      // What decide produces is what the store and the timeline accept.
      expect(Wish.safeParse(decision.wish).error).toBeUndefined();
      expect(WishEvent.safeParse(decision.event).error).toBeUndefined();
    },
  );
});

describe('the table itself', () => {
  test('has one row per action', () => {
    const actions = TRANSITIONS.map((t) => t.action);
    expect(new Set(actions).size).toBe(actions.length);
  });

  test('every state can be left or is final, and every state is reachable', () => {
    const leaving = new Set(TRANSITIONS.filter((t) => t.to !== 'same').flatMap((t) => t.from));
    const reached = new Set<string>(['pending_review', ...TRANSITIONS.flatMap((t) => (t.to === 'same' ? [] : [t.to])), ...TRANSITIONS.flatMap((t) => t.otherwise ?? [])]);
    for (const s of WishStates) {
      expect(reached.has(s)).toBe(true);
      if (s !== 'confirmed' && s !== 'cancelled') expect(leaving.has(s)).toBe(true);
    }
  });

  test('the system moves nothing a person must decide', () => {
    const bySystem = TRANSITIONS.filter((t) => t.actors.includes('system')).map((t) => t.action).sort();
    // vacate: only what a deactivation the secretary decided leaves: a claim that raced it, the member's places in the
    // town's other communities (not the secretary's to move), and a sweep cut short (the timer's repair).
    expect(bySystem).toEqual(['confirm', 'escalate', 'expire', 'vacate']);
  });

  test('the town acts only by 督办 (urge, reassign, townAssign), alone, and only on wishes nobody has taken on', () => {
    const byTown = TRANSITIONS.filter((t) => t.actors.includes('town'));
    expect(byTown.map((t) => t.action).sort()).toEqual([...SupervisionActions].sort());
    for (const t of byTown) {
      expect(t.actors).toEqual(['town']);
      for (const s of t.from) expect(['pending_review', 'open', 'assigned']).toContain(s);
    }
  });
});
