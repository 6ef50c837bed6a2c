import { AppError } from '@shared';
import type { Caller } from '../access/caller';
import type { Runtime } from '../runtime/types';

export interface Scope { communityIds: string[] }

/** Whose numbers: my community; a town admin's whole town, or one community of it. */
export async function statsScope(rt: Runtime, caller: Caller, communityId?: string): Promise<Scope> {
  if (caller.roles.includes('town_admin') && caller.townId) {
    const ids = await rt.repos.communities.idsOfTown(caller.townId);
    if (communityId && !ids.includes(communityId)) throw new AppError('NOT_FOUND', '社区不存在');
    return { communityIds: communityId ? [communityId] : ids };
  }
  if (!caller.communityId) throw new AppError('FORBIDDEN', '请先通过邀请码加入社区');
  if (communityId && communityId !== caller.communityId) throw new AppError('NOT_FOUND', '社区不存在');
  return { communityIds: [caller.communityId] };
}

export function requireStaffOrTown(caller: Caller): void {
  if (!caller.roles.some((r) => r === 'secretary' || r === 'grid_worker' || r === 'town_admin')) {
    throw new AppError('FORBIDDEN', '只有社区工作人员或镇街可以查看');
  }
}
