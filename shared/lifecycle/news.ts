import { toMillis, type Instant } from '../schemas/primitives';
import type { WishEvent } from '../schemas/event';
import type { Wish } from '../schemas/wish';
import { workOf } from './rules';
import type { TransitionAction } from './transitions';

/**
 * What a step told someone they now hold, when it tells that: a dispatch to a person or a unit (approve or recall
 * with an assignee, assign, townAssign), a claim (claim, accept), a unit's place handed to a member (handover).
 * The news is about who holds the wish, and a later step may take the holding away again.
 */
export type Holding =
  | { kind: 'dispatch'; target: { kind: 'user' | 'unit'; id: string } }
  | { kind: 'claim'; claimerId: string }
  | { kind: 'handover'; toUserId: string };

type StepFacts = Pick<WishEvent, 'action' | 'to' | 'meta'> & { at: Instant };
type HoldingFacts = Pick<Wish, 'claims'> & Partial<Pick<Wish, 'assignment'>>;

/** The holding a step announced, read from its event (the effects in effects.ts write these meta fields). */
export function holdingOf(event: StepFacts): Holding | undefined {
  const meta = event.meta ?? {};
  if (event.to === 'assigned' && (meta.assignKind === 'user' || meta.assignKind === 'unit') && meta.assignId) {
    return { kind: 'dispatch', target: { kind: meta.assignKind, id: meta.assignId } };
  }
  if ((event.action === 'claim' || event.action === 'accept') && meta.claimerId) return { kind: 'claim', claimerId: meta.claimerId };
  if (event.action === 'handover' && meta.toUserId) return { kind: 'handover', toUserId: meta.toUserId };
  return undefined;
}

const sameInstant = (a: Instant | undefined, b: Instant) => a !== undefined && toMillis(a) === toMillis(b);

/**
 * Whether the holding a step announced still stands on the wish as it is now: the same dispatch (made at the step's
 * time), the same claim (claimed at it), the place still with the member it was handed to. The wish keeps who holds
 * what (its `assignment` and `claims`), so this reads them rather than replaying later steps: a claim released and
 * taken again is a new claim with news of its own. A step that announced no holding always stands.
 * Said again by the timer's repair (notify/missedAnnouncements) after a crash lost it, a step whose holding is gone
 * must not tell anyone they hold work that no longer exists.
 */
export function holdingStands(wish: HoldingFacts, event: StepFacts): boolean {
  const held = holdingOf(event);
  if (!held) return true;
  switch (held.kind) {
    case 'dispatch': {
      const a = wish.assignment;
      return a !== undefined && a.target.kind === held.target.kind && a.target.id === held.target.id && sameInstant(a.at, event.at);
    }
    case 'claim':
      return wish.claims.some((c) => c.claimerId === held.claimerId && sameInstant(c.claimedAt, event.at));
    case 'handover':
      return wish.claims.some((c) => c.kind === 'unit' && c.assigneeId === held.toUserId && c.completedAt === undefined);
  }
}

/**
 * The later steps that take each kind of holding away (transitions.ts): the specification `holdingStands` is tested
 * against, pair by pair; any other step leaves the holding standing.
 * - a dispatch: the target declines it; staff recall it or send it elsewhere (assign, recall with another assignee);
 *   the town moves the wish (reassign, townAssign); its person is stopped or its unit left with nobody (vacate); the
 *   owner or staff cancel the wish. Accepted, it becomes a claim: the dispatch is done, its news is history.
 * - a claim: its holder gives it up (release), its lease runs out (expire), staff recall it, its holder is stopped
 *   (vacate), the wish is cancelled.
 * - a handed place: as a claim, and the unit's admin handing it on to another member.
 */
export const UNDONE_BY: Record<Holding['kind'], readonly TransitionAction[]> = {
  dispatch: ['accept', 'decline', 'assign', 'recall', 'reassign', 'townAssign', 'vacate', 'cancel'],
  claim: ['release', 'expire', 'recall', 'vacate', 'cancel'],
  handover: ['handover', 'release', 'expire', 'recall', 'vacate', 'cancel'],
};

/**
 * Of the helpers a step told to get on with the work (a resident's 催一催, a dispute sending it back to them), those who
 * still hold an unfinished place on the wish as it is now (rules `workOf`, what a 停用 takes away): one stopped, whose
 * place was recalled or who gave it up since is not told the resident is waiting for them.
 */
export function stillWorking(wish: Pick<Wish, 'claims'>, helperIds: readonly string[]): string[] {
  return helperIds.filter((id) => workOf(wish, id).length > 0);
}

type Moved = Pick<WishEvent, 'id' | 'from' | 'to'>;

/**
 * Whether the wish is still where the step left it: in the state it moved to, every later step keeping it there (an
 * extend, a 催办, another 催一催). News that the wish waits, for review, in the pool, for staff to move it (a new or
 * resubmitted wish, 附近有新心愿, an escalation, a 催一催 nobody holds, work a 停用 gave back), is true only so long:
 * once a later step moved it on (reviewed, claimed, dispatched, cancelled…), said again by the timer's repair it would
 * send someone to a wish that no longer waits for them.
 */
export function stillWhereLeft(wish: Pick<Wish, 'status'> & { events: readonly Moved[] }, event: Pick<WishEvent, 'id' | 'to'>): boolean {
  const later = wish.events.slice(wish.events.findIndex((e) => e.id === event.id) + 1);
  return wish.status === event.to && later.every((e) => e.from === e.to);
}
