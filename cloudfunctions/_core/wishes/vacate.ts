import { AppError, deactivatedRefusal, type DecideInput } from '@shared';
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

/**
 * 停用: everything the member held unfinished through this membership, or was dispatched and has not accepted, goes
 * back to the pool (each wish its own event, its resident told): in the membership's community as `by`'s step (the
 * secretary's), and a town-level unit's places in the town's other communities as the system's, the secretary
 * having no say there. When the member was the last active person of their unit, what was dispatched to the unit
 * and not yet accepted goes back too (nobody is left to accept it). How many wishes it freed.
 *
 * Safe to run again (each `vacate` is refused once nothing of theirs is left on the wish), which the repair does:
 * the sweep is marked done on the membership last (`sweptAt`), so a crash before that leaves it to `repairSweeps`.
 */
export async function vacateWorkOf(rt: Runtime, memberId: string, membership: MembershipDoc, by: Caller | null): Promise<number> {
  const communityId = membership.communityId!;
  const unitId = membership.unitId;
  const as = (wish: WishDoc) => (wish.communityId === communityId ? by : null);
  let freed = 0;
  const held = await rt.repos.wishes.workHeldVia(communityId, memberId, unitId, AT_MOST);
  for (const wish of held) if (await vacateOne(rt, wish, { memberId }, as(wish))) freed++;
  const waiting = unitId && !(await rt.repos.users.unitHasPeople(communityId, unitId)) ? await rt.repos.wishes.waitingForUnit(unitId, AT_MOST) : [];
  for (const wish of waiting) if (await vacateOne(rt, wish, { memberId, emptiedUnitId: unitId }, as(wish))) freed++;
  // A full batch may have left more: unmarked, the repair sweeps on.
  const all = held.length < AT_MOST && waiting.length < AT_MOST;
  if (membership.deactivated && all) await rt.repos.users.markSwept(memberId, communityId, membership.deactivated.at, rt.now());
  return freed;
}

/** How long a deactivation's own sweep may take before the repair takes it for interrupted. */
export const SWEEP_GRACE_MS = 60_000;

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
