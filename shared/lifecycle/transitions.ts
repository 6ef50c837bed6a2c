import { CancellableStates, type WishState } from '../enums/wishStates';
import type { WishAction } from './actions';
import { FOR_WHOM, type Relation } from './relations';

/** Every action of the table; `create` starts a wish and is not a transition. */
export type TransitionAction = Exclude<WishAction, 'create'>;

/**
 * A condition checked after the state and the actor are right. Failing it
 * refuses the action with the code given in GuardCodes.
 */
export type Guard =
  | 'slot_free' // a place is free (claim)
  | 'not_claiming_yet' // the actor (or their unit) holds no claim yet (claim)
  | 'extensions_left' // the claim has extensions left (extend)
  | 'not_started' // the actor's own claim has not started yet (extend, release, start)
  | 'started' // the actor's own claim has started (complete)
  | 'not_finished' // the actor's own claim is not finished yet (progress, complete)
  | 'lease_expired' // some lease has run out (expire)
  | 'no_claims' // nobody has claimed yet (assign)
  | 'auto_confirm_due' // N days since done, for the system actor only (confirm)
  | 'not_rated' // rated at most once (rate)
  | 'escalation_due' // waited long enough for the next level (escalate)
  | 'nudge_due' // a day since the wish last moved or was nudged (nudge)
  | 'held' // someone holds it: a claim, or a dispatch not yet answered (recall)
  | 'none_started' // nobody on it has started the work (recall)
  | 'member_holds_work' // the member named holds an unfinished place or the dispatch (vacate)
  | 'has_voice'; // the wish has a voice note to type out (transcribe)

export interface Transition {
  action: TransitionAction;
  from: readonly WishState[];
  /** 'same' = the state does not move, but an event is still written. */
  to: WishState | 'same';
  /**
   * Other outcomes the row's effect (effects.ts) may reach instead: approve with an assignee; on
   * a wish for several helpers, where the places stand (rules.ts `placesState`): a claim that
   * leaves places free, a start while places are free. Staying in the same state is always allowed.
   */
  otherwise?: readonly WishState[];
  actors: readonly Relation[];
  guards?: readonly Guard[];
  /** States from which the action is refused as ALREADY_CLAIMED rather than INVALID_TRANSITION. */
  takenIn?: readonly WishState[];
}

/** Still waiting for someone to take it on: where the town's 督办 can move it. */
const WAITING: readonly WishState[] = ['open', 'assigned'];
const WORKERS = ['claimer', 'assignee', 'unit_admin_of_claiming_unit'] as const satisfies readonly Relation[];
const TRIAGE = ['staff', 'grid_staff'] as const satisfies readonly Relation[];
/** Who holds a place (extend, release): the same people who work it. */
const HOLDERS = WORKERS;
/** Each claimer holds, starts and finishes their own place while others are still free (帮帮团). */
const HELD: readonly WishState[] = ['open', 'claimed', 'in_progress'];

/** The wish lifecycle, one row per action. Read a row as: `actors` may `action` a wish in `from`; it moves to `to`. */
export const TRANSITIONS: readonly Transition[] = [
  { action: 'approve', from: ['pending_review'], to: 'open', otherwise: ['assigned'], actors: TRIAGE },
  { action: 'reject', from: ['pending_review'], to: 'rejected', actors: TRIAGE },
  { action: 'resubmit', from: ['rejected'], to: 'pending_review', actors: ['owner'] },
  { action: 'update', from: ['pending_review'], to: 'same', actors: ['owner', ...TRIAGE] },
  { action: 'cancel', from: CancellableStates, to: 'cancelled', actors: ['owner', 'staff'] },
  {
    action: 'claim',
    from: ['open'],
    to: 'claimed',
    otherwise: ['open', 'in_progress'],
    actors: ['volunteer'],
    guards: ['not_claiming_yet', 'slot_free'],
    takenIn: ['claimed', 'assigned', 'in_progress'],
  },
  // Who holds a place keeps or gives it up: its claimer, the unit's admin for a unit's claim, and the member a unit's
  // place was handed to (who does the work, and whom a unit left with no admin leaves alone with it).
  { action: 'extend', from: HELD, to: 'same', actors: HOLDERS, guards: ['not_started', 'extensions_left'] },
  { action: 'release', from: HELD, to: 'open', actors: HOLDERS, guards: ['not_started'] },
  { action: 'expire', from: HELD, to: 'open', actors: ['system'], guards: ['lease_expired'] },
  { action: 'assign', from: ['open', 'assigned'], to: 'assigned', actors: TRIAGE, guards: ['no_claims'] },
  { action: 'accept', from: ['assigned'], to: 'claimed', actors: ['assignee', 'unit_admin_of_claiming_unit'] },
  { action: 'decline', from: ['assigned'], to: 'open', actors: ['assignee', 'unit_admin_of_claiming_unit'] },
  { action: 'handover', from: HELD, to: 'same', actors: ['unit_admin_of_claiming_unit'] },
  { action: 'start', from: HELD, to: 'in_progress', otherwise: ['open'], actors: WORKERS, guards: ['not_started'] },
  { action: 'progress', from: HELD, to: 'same', actors: WORKERS, guards: ['not_finished'] },
  { action: 'complete', from: ['open', 'in_progress'], to: 'done', actors: WORKERS, guards: ['started', 'not_finished'] },
  { action: 'confirm', from: ['done'], to: 'confirmed', actors: [...FOR_WHOM, 'system'], guards: ['auto_confirm_due'] },
  // "Not done": the work goes back to the same helpers, their claims and starts kept, their finishes undone.
  { action: 'dispute', from: ['done'], to: 'in_progress', actors: FOR_WHOM },
  { action: 'rate', from: ['confirmed'], to: 'same', actors: FOR_WHOM, guards: ['not_rated'] },
  { action: 'escalate', from: ['open', 'assigned'], to: 'same', actors: ['system'], guards: ['escalation_due'] },
  // 督办: the town above urges the community (a stalled review too), moves a wish nobody took to another community of
  // the town, or sends it to a co-building unit serving the whole town. Nothing else of a wish is the town's to move.
  { action: 'urge', from: ['pending_review', ...WAITING], to: 'same', actors: ['town'] },
  { action: 'reassign', from: WAITING, to: 'open', actors: ['town'], guards: ['no_claims'] },
  { action: 'townAssign', from: WAITING, to: 'assigned', actors: ['town'], guards: ['no_claims'] },
  // 催一催: the resident, after a day with nothing moving, tells whoever the wish waits for (rules.ts `nudgeDueAt`).
  // 收回: staff take back a claim or a dispatch nobody has started (a claimer who never came) and say why; it goes back
  // to the pool, or with an assignee straight to them. Once anyone has started, the work is theirs (no row from in_progress).
  { action: 'recall', from: ['open', 'assigned', 'claimed'], to: 'open', otherwise: ['assigned'], actors: TRIAGE, guards: ['held', 'none_started'] },
  { action: 'nudge', from: ['pending_review', 'open', 'assigned', 'claimed', 'in_progress'], to: 'same', actors: FOR_WHOM, guards: ['nudge_due'] },
  // 停用: the secretary deactivates a member; what they held and had not finished goes back to the pool (their
  // finished part stays), and a dispatch to them is withdrawn. Any free place leaves the wish open. The system does
  // the same to a claim that raced the deactivation (cloudfunctions/_core/wishes/vacate.ts `unlessDeactivated`).
  { action: 'vacate', from: ['assigned', ...HELD], to: 'open', actors: ['staff', 'system'], guards: ['member_holds_work'] },
  // 整理语音: staff who listened type out what the resident said, while anyone may still need to read it (in review,
  // in the pool, while the work is held). The state does not move; the timeline says it was done.
  { action: 'transcribe', from: ['pending_review', 'open', 'assigned', 'claimed', 'in_progress'], to: 'same', actors: TRIAGE, guards: ['has_voice'] },
];

/** The code a failed guard is refused with. */
export const GuardCodes: Record<Guard, 'ALREADY_CLAIMED' | 'CONFLICT'> = {
  slot_free: 'ALREADY_CLAIMED',
  not_claiming_yet: 'CONFLICT',
  extensions_left: 'CONFLICT',
  not_started: 'CONFLICT',
  started: 'CONFLICT',
  not_finished: 'CONFLICT',
  lease_expired: 'CONFLICT',
  no_claims: 'CONFLICT',
  auto_confirm_due: 'CONFLICT',
  not_rated: 'CONFLICT',
  escalation_due: 'CONFLICT',
  nudge_due: 'CONFLICT',
  held: 'CONFLICT',
  none_started: 'CONFLICT',
  member_holds_work: 'CONFLICT',
  has_voice: 'CONFLICT',
};

export const TransitionActions: readonly TransitionAction[] = TRANSITIONS.map((t) => t.action);

export function transitionOf(action: TransitionAction): Transition {
  const t = TRANSITIONS.find((row) => row.action === action);
  if (!t) throw new Error(`no transition for ${action}`);
  return t;
}
