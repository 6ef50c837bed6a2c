import { AppError } from '@shared';
import type { Caller } from './caller';
import type { Runtime } from '../runtime/types';

/** The wishes a staff screen covers: communities, and for a grid worker only their grids. */
export interface StaffScope {
  communityIds: string[];
  /** A grid worker's grids; undefined: every grid of the communities. */
  gridIds?: string[];
}

/**
 * Whose wishes a staff overview shows (网格地图, 全部心愿): a secretary's community, a grid worker's grids, a town
 * admin's town or one community of it. A community outside that does not exist for the caller.
 */
export async function staffScope(rt: Runtime, caller: Caller, communityId: string | undefined): Promise<StaffScope> {
  const own = (scope: StaffScope): StaffScope => {
    if (communityId && communityId !== caller.communityId) throw new AppError('NOT_FOUND', '社区不存在');
    return scope;
  };
  if (caller.roles.includes('secretary') && caller.communityId) return own({ communityIds: [caller.communityId] });
  if (caller.roles.includes('grid_worker') && caller.communityId) return own({ communityIds: [caller.communityId], gridIds: caller.membership?.gridIds ?? [] });
  if (caller.roles.includes('town_admin') && caller.townId) {
    const ids = await rt.repos.communities.idsOfTown(caller.townId, communityId);
    if (communityId && ids.length === 0) throw new AppError('NOT_FOUND', '社区不存在');
    return { communityIds: ids };
  }
  throw new AppError('FORBIDDEN', '只有社区工作人员或镇街可以查看');
}
