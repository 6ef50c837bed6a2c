import { HelperRoles, URGENT_ALERT_RADIUS_M, declaredOnDuty, helperRefusal, ownWishRefusal, settingsOf, type CallList, type CallListHelper, type Role } from '@shared';
import { gridContactOf, gridWorkersOf } from '../access/people';
import { loadCommunity } from '../store/loadCommunity';
import { homeDistances } from './homeDistance';
import type { Runtime } from '../runtime/types';
import type { WishDoc } from '../store/types';

/** How many helpers are looked at, and how many the list shows: enough to ring a few, not a directory. */
const CANDIDATES = 300;
const SHOWN = 10;

/**
 * Whom staff can phone about a wish while the system waits: the community's helpers who could take it
 * (not the person it is for, not already on it, not the caller, under the task limit), within the urgent-alert radius of their
 * home (or not saying where they live), on duty now first and then nearest; the grid worker of its
 * grid; the unit it is dispatched to or claimed by. Phones are left in: `callListOf` decides who gets them.
 */
export async function callListFor(rt: Runtime, wish: WishDoc, callerId: string): Promise<CallList> {
  const now = rt.now();
  const communityId = wish.communityId;
  const max = settingsOf((await loadCommunity(rt, communityId)).settings).maxOpenTasksPerHelper;
  const onWish = new Set([callerId, ...wish.claims.flatMap((c) => [c.claimerId, c.assigneeId])]);
  const people = (await rt.repos.users.helpersOf(communityId, CANDIDATES)).filter((p) => !onWish.has(p._id));
  const ids = people.map((p) => p._id);
  const [rosters, loads, distanceOf] = await Promise.all([rt.repos.duty.ofMany(ids), rt.repos.wishes.openLoadsOf(ids), homeDistances(rt, communityId, wish.location)]);

  const helpers: CallListHelper[] = [];
  for (const p of people) {
    const load = loads.get(p._id) ?? 0;
    // Free to take it: what a dispatch to them would not refuse.
    if (ownWishRefusal(p.name, wish, p._id) ?? helperRefusal(p.name, load, max)) continue;
    const membership = p.memberships.find((m) => m.communityId === communityId);
    const distanceM = distanceOf(membership);
    if (distanceM !== undefined && distanceM > URGENT_ALERT_RADIUS_M) continue;
    const roles = (membership?.roles ?? []).filter((r): r is Role => (HelperRoles as readonly string[]).includes(r));
    helpers.push({ id: p._id, name: p.name, ...(p.phone ? { phone: p.phone } : {}), roles, onDuty: declaredOnDuty(rosters.get(p._id), now), ...(distanceM !== undefined ? { distanceM } : {}), load });
  }
  const far = (h: CallListHelper) => h.distanceM ?? Number.MAX_SAFE_INTEGER;
  helpers.sort((a, b) => Number(b.onDuty) - Number(a.onDuty) || far(a) - far(b) || a.load - b.load);

  return { helpers: helpers.slice(0, SHOWN), gridWorker: await gridWorkerOf(rt, wish), unit: await unitOf(rt, wish), radiusM: URGENT_ALERT_RADIUS_M, maxOpenTasks: max, at: now };
}

async function gridWorkerOf(rt: Runtime, wish: WishDoc): Promise<CallList['gridWorker']> {
  if (!wish.gridId) return null;
  const grid = await rt.repos.org.grid(wish.communityId, wish.gridId);
  // A grid the wish names but that is gone meanwhile: whoever active holds it still answers (people.ts).
  const id = grid ? await gridContactOf(rt, wish.communityId, grid) : (await gridWorkersOf(rt, wish.communityId, wish.gridId))[0];
  const person = id ? await rt.repos.users.find(id) : null;
  if (!person) return null;
  return { id: person._id, name: person.name, ...(person.phone ? { phone: person.phone } : {}), ...(grid ? { gridName: grid.name } : {}) };
}

async function unitOf(rt: Runtime, wish: WishDoc): Promise<CallList['unit']> {
  const target = wish.assignment?.target;
  const unitId = target?.kind === 'unit' ? target.id : wish.claims.find((c) => c.unitId !== undefined)?.unitId;
  const unit = unitId ? await rt.repos.org.unit(wish.communityId, unitId) : null;
  if (!unit) return null;
  return { id: unit._id, name: unit.name, ...(unit.contactName ? { contactName: unit.contactName } : {}), ...(unit.contactPhone ? { contactPhone: unit.contactPhone } : {}) };
}
