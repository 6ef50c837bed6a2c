import { UNIT_ACCEPTOR_ROLE } from '@shared';
import type { Runtime } from '../runtime/types';

/** Who hears about a community's new and escalated wishes. */
export function secretariesOf(rt: Runtime, communityId: string): Promise<string[]> {
  return rt.repos.users.withRole({ communityId }, 'secretary', 20);
}

export async function gridWorkersOf(rt: Runtime, communityId: string, gridId?: string): Promise<string[]> {
  if (!gridId) return [];
  return rt.repos.users.withRole({ communityId, gridIds: gridId }, 'grid_worker', 10);
}

/**
 * Whom staff phone for a grid: its named worker while they still hold the grid worker's role here, active (the same
 * `withRole` rule as every other "who to reach"); otherwise an active grid worker who holds the grid. A worker whose
 * role or membership was taken away is nobody's contact, though the grid may still name them.
 */
export async function gridContactOf(rt: Runtime, communityId: string, grid: { _id: string; gridWorkerId?: string }): Promise<string | undefined> {
  const named = grid.gridWorkerId ? await rt.repos.users.withRole({ communityId }, 'grid_worker', 1, [grid.gridWorkerId]) : [];
  return named[0] ?? (await gridWorkersOf(rt, communityId, grid._id))[0];
}

export async function townAdminsOf(rt: Runtime, townId?: string): Promise<string[]> {
  if (!townId) return [];
  return rt.repos.users.withRole({ townId }, 'town_admin', 20);
}

/** Who hears of the unit's dispatch: those who answer for it (shared `UNIT_ACCEPTOR_ROLE`), as the emptiness rule counts them. */
export function unitAdminsOf(rt: Runtime, communityId: string, unitId: string): Promise<string[]> {
  return rt.repos.users.withRole({ communityId, unitId }, UNIT_ACCEPTOR_ROLE, 10);
}

export function namesOf(rt: Runtime, ids: string[]): Promise<Map<string, string>> {
  return rt.repos.users.names(ids);
}
