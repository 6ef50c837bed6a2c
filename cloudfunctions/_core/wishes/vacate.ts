import { AppError, deactivatedRefusal, inactiveRefusal, unitLeftBy, unitRefusal, type AssignTarget, type DecideInput } from '@shared';
import { unavailable } from './assignTarget';
import { announceEvent } from '../notify/announcements';
import { applyAction } from './apply';
import type { Caller } from '../access/caller';
import type { Runtime } from '../runtime/types';
import type { MembershipDoc, WishDoc } from '../store/types';

/** More than anyone holds (the task limit is far lower); the repair's next sweep would find what is left. */
const AT_MOST = 500;

/** One wish's places of this member back to the pool, and the resident told; false when they held nothing there any more. */
async function vacateOne(rt: Runtime, wish: WishDoc, input: Pick<DecideInput, 'memberId' | 'emptiedUnitId'>, by: Caller | null): Promise<boolean> {
  try {
    const { wish: after, event } = await applyAction(rt, { wish, action: 'vacate', caller: by, input });
    await announceEvent(rt, after, event);
    return true;
  } catch (err) {
    // Released, finished or cancelled meanwhile: nothing of theirs is left on it.
    if (err instanceof AppError && (err.code === 'CONFLICT' || err.code === 'INVALID_TRANSITION')) return false;
    throw err;
  }
}

/** Who takes the step on a wish: `by` (the secretary) in their own community, the system elsewhere (they have no say there). */
type StepBy = (wish: WishDoc) => Caller | null;
const stepBy = (communityId: string, by: Caller | null): StepBy => (wish) => (wish.communityId === communityId ? by : null);

/**
 * The one step for a unit that may have lost whoever answered for it (shared `unitLeftBy`: its last active admin was
 * stopped (停用), had the role or the unit taken away, or took another unit's invite; or the timer's repair finds one):
 * when nobody answers for the unit now (shared `answersForUnit`, read by `unitCanAccept`), what waits dispatched to it,
 * wherever in the town, goes back to that community's queue by the same `vacate` row (`emptiedUnitId`), the
 * secretaries there told (`work_returned`), the resident too (`helper_withdrawn`). How many went back, and whether the
 * batch held all of them.
 *
 * `changed`: a change of the unit's people came just before (in the same request, or its transaction). The unit's
 * roster is written before the people are counted: two such changes at once (two admins stopped together) both write
 * it, so in transactions one conflicts and runs again seeing the other, and without one the later count comes after
 * both changes. Otherwise each would count the other as still there and neither would send the work back.
 */
export async function returnUnitWork(rt: Runtime, communityId: string, unitId: string, by: StepBy, changed: { memberId?: string } | null): Promise<{ freed: number; whole: boolean }> {
  if (changed) await rt.repos.org.touchUnitRoster(unitId, rt.now());
  if (await rt.repos.users.unitCanAccept(communityId, unitId)) return { freed: 0, whole: true };
  const waiting = await rt.repos.wishes.waitingForUnit(unitId, AT_MOST);
  let freed = 0;
  const input = { ...(changed?.memberId ? { memberId: changed.memberId } : {}), emptiedUnitId: unitId };
  for (const wish of waiting) if (await vacateOne(rt, wish, input, by(wish))) freed++;
  return { freed, whole: waiting.length < AT_MOST };
}

/**
 * After the secretary changed a membership (roles, unit) or the member took an invite into another unit: if it took
 * away the one who answered for a unit, that unit's waiting dispatches go back as with 停用 (`returnUnitWork`). How
 * many wishes went back.
 */
export async function afterMembershipChange(rt: Runtime, memberId: string, communityId: string, before: MembershipDoc | undefined, after: MembershipDoc | undefined, by: Caller | null): Promise<number> {
  const unitId = unitLeftBy(before, after);
  if (!unitId) return 0;
  return (await returnUnitWork(rt, communityId, unitId, stepBy(communityId, by), { memberId })).freed;
}

/**
 * 停用: everything the member held unfinished through this membership, or was dispatched and has not accepted, goes
 * back to the pool (each wish its own event, its resident told): in the membership's community as `by`'s step (the
 * secretary's), and a town-level unit's places in the town's other communities as the system's, the secretary
 * having no say there. When the member answered for their unit (its admin) and nobody else does now, what was
 * dispatched to the unit and not yet accepted goes back too (`returnUnitWork`). How many wishes it freed.
 *
 * Safe to run again (each `vacate` is refused once nothing of theirs is left on the wish), which the repair does:
 * the sweep is marked done on the membership last (`sweptAt`), so a crash before that leaves it to `repairSweeps`.
 */
export async function vacateWorkOf(rt: Runtime, memberId: string, membership: MembershipDoc, by: Caller | null): Promise<number> {
  const communityId = membership.communityId!;
  const as = stepBy(communityId, by);
  let freed = 0;
  const held = await rt.repos.wishes.workHeldVia(communityId, memberId, membership.unitId, AT_MOST);
  for (const wish of held) if (await vacateOne(rt, wish, { memberId }, as(wish))) freed++;
  // The membership as it was before the 停用 answered for the unit: the unit may be left with nobody.
  const { deactivated: _stopped, ...wasActive } = membership;
  const unitId = unitLeftBy(wasActive, membership);
  const unit = unitId ? await returnUnitWork(rt, communityId, unitId, as, { memberId }) : { freed: 0, whole: true };
  freed += unit.freed;
  // A full batch may have left more: unmarked, the repair sweeps on.
  const all = held.length < AT_MOST && unit.whole;
  if (membership.deactivated && all) await rt.repos.users.markSwept(memberId, communityId, membership.deactivated.at, rt.now());
  return freed;
}

/** How long a deactivation's own sweep may take before the repair takes it for interrupted. */
export const SWEEP_GRACE_MS = 60_000;

/**
 * The timer's repair of units: a dispatch waiting for a unit nobody answers for any more goes back to its queue. The
 * change that emptied the unit sends it back itself (`returnUnitWork`); this finds what a crash between that change
 * and its step left, or a unit emptied before the rule said who answers (members but no admin). Idempotent.
 */
export async function repairEmptiedUnits(rt: Runtime): Promise<number> {
  let freed = 0;
  for (const unitId of await rt.repos.wishes.unitsWaitedFor()) {
    try {
      const unit = await rt.repos.org.unitAnywhere(unitId);
      if (unit) freed += (await returnUnitWork(rt, unit.communityId, unitId, () => null, null)).freed;
    } catch (err) {
      // One unit failing (the database busy) leaves its wishes for the next tick; the others go on.
      console.error('[repairEmptiedUnits]', unitId, err);
    }
  }
  return freed;
}

/**
 * The timer's repair: a deactivation whose sweep never finished (the process died between writing it and sweeping,
 * or in the middle) is swept now, as the system's step. Idempotent: what was already back in the pool is left alone.
 * How many wishes it freed.
 */
export async function repairSweeps(rt: Runtime, limit = 50): Promise<number> {
  const before = new Date(rt.now().getTime() - SWEEP_GRACE_MS);
  let freed = 0;
  for (const { userId, membership } of await rt.repos.users.unswept(before, limit)) {
    try {
      freed += await vacateWorkOf(rt, userId, membership, null);
    } catch (err) {
      // One person's sweep failing (the database busy) leaves it unmarked for the next tick; the others go on.
      console.error('[repairSweeps]', userId, err);
    }
  }
  return freed;
}

/**
 * After a step that gives a person work (a claim, an accepted dispatch, a handover): if their membership of
 * `communityId` (the one they act in; a town-level unit's member, where the unit is registered) was
 * deactivated while the step was on its way, the sweep may have looked before the step was written, so the step
 * undoes itself here (the system's `vacate`) and the person is refused. Deactivation writes first and sweeps second;
 * the step writes first and checks the membership second (users `confirmActive`): whichever comes last sees the other.
 */
export async function unlessDeactivated(rt: Runtime, wish: WishDoc, memberId: string, communityId: string | undefined): Promise<void> {
  if (!communityId || (await rt.repos.users.confirmActive(memberId, communityId, rt.now()))) return;
  const membership = (await rt.repos.users.find(memberId))?.memberships.find((m) => m.communityId === communityId);
  // In a request's transaction the refusal undoes the step itself; outside one, the step stands until undone here.
  await vacateOne(rt, wish, { memberId }, null);
  throw deactivatedRefusal(membership ?? { communityId });
}

/**
 * After a step that dispatched a wish (approve, assign, recall with an assignee, the town's townAssign): the person may
 * have been stopped (停用), or the unit's last admin taken away, between the dispatch's check and its write, and that
 * change's sweep may have looked before the dispatch was there. As with a claim (`unlessDeactivated`): the dispatch
 * writes first and confirms second, as a write (the person's `confirmActive`, the unit's roster), so in a transaction
 * it conflicts with the change and one of the two runs again seeing the other; the change writes first and sweeps
 * second. Whichever comes last sees the other. Refused here, the dispatch is undone (the system's `vacate`) and staff
 * told why, with the sentence the check would have given.
 */
export async function confirmDispatched(rt: Runtime, wish: WishDoc, target: AssignTarget, name: string, unitCommunityId = wish.communityId): Promise<void> {
  if (target.kind === 'user') {
    if (await rt.repos.users.confirmActive(target.id, wish.communityId, rt.now())) return;
    await vacateOne(rt, wish, { memberId: target.id }, null);
    throw unavailable(inactiveRefusal(name, false)!);
  }
  await rt.repos.org.touchUnitRoster(target.id, rt.now());
  if (await rt.repos.users.unitCanAccept(unitCommunityId, target.id)) return;
  await vacateOne(rt, wish, { emptiedUnitId: target.id }, null);
  throw unavailable(unitRefusal(name, false)!, target.kind === 'unit' && unitCommunityId !== wish.communityId ? 'unitId' : 'assignTo.id');
}
