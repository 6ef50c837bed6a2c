import { AppError } from '@shared';
import { TtlCache } from './cache';
import type { CommunityDoc } from './types';
import type { Runtime } from '../runtime/types';

/** Settings change rarely; the secretary's edit forgets the entry here at once. */
export const communityCache = new TtlCache<CommunityDoc>(10_000);

export async function loadCommunity(rt: Runtime, communityId: string): Promise<CommunityDoc> {
  const community = await communityCache.get(rt.repos, communityId, () => rt.repos.communities.find(communityId));
  if (!community) throw new AppError('NOT_FOUND', '社区不存在');
  return community;
}
