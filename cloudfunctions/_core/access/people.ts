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
