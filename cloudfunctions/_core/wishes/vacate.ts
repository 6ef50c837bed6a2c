import { AppError, deactivatedRefusal } from '@shared';
import { announceEvent } from '../notify/announcements';
import { applyAction } from './apply';
import type { Caller } from '../access/caller';
import type { Runtime } from '../runtime/types';
import type { WishDoc } from '../store/types';

/** More than anyone holds (the task limit is far lower); a second sweep would find what is left. */
const AT_MOST = 500;

/** One wish's places of this member back to the pool, and the resident told; false when they held nothing there any more. */
async function vacateOne(rt: Runtime, wish: WishDoc, memberId: string, by: Caller | null): Promise<boolean> {
  try {
    const { wish: after, event } = await applyAction(rt, { wish, action: 'vacate', caller: by, input: { memberId } });
    await announceEvent(rt, after, event);
    return true;
  } catch (err) {
    // Released, finished or cancelled meanwhile: nothing of theirs is left on it.
    if (err instanceof AppError && (err.code === 'CONFLICT' || err.code === 'INVALID_TRANSITION')) return false;
    throw err;
  }
}

/**
 * 停用: everything the member holds unfinished in the community, or was dispatched and has not accepted, goes back to
 * the pool as the secretary's step (each wish its own event, its resident told). How many wishes it freed.
 */
export async function vacateWorkOf(rt: Runtime, communityId: string, memberId: string, by: Caller): Promise<number> {
  let freed = 0;
  for (const wish of await rt.repos.wishes.workHeldIn(communityId, memberId, AT_MOST)) if (await vacateOne(rt, wish, memberId, by)) freed++;
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
  await vacateOne(rt, wish, memberId, null);
  throw deactivatedRefusal(membership ?? { communityId });
}
