import { Categories, PUBLISHED_STATES, WishStates, isPublicOnWall, open311RequestOf, type Category, type Open311Request, type WishState } from '@shared';
import type { Runtime } from '../runtime/types';
import { domainOf } from '../store/stored';
import type { CommunityDoc } from '../store/types';

/** Only what the `public` rule (shared/privacy) may show is asked of storage; `open311RequestOf` decides each row all the same. */
export const PUBLIC_STATES: readonly WishState[] = WishStates.filter((s) => PUBLISHED_STATES.has(s));
export const PUBLIC_CATEGORIES: readonly Category[] = Categories.filter(isPublicOnWall);

export interface RequestQuery {
  states: readonly WishState[];
  categories: readonly Category[];
  ids?: readonly string[];
  from?: Date;
  to?: Date;
  skip: number;
  limit: number;
}

/** The community's public wishes that match, as Open311 requests (its name is the agency responsible). */
export async function publicRequests(rt: Runtime, community: CommunityDoc, q: RequestQuery): Promise<Open311Request[]> {
  const rows = await rt.repos.wishes.open311(community._id, {
    ...q,
    states: q.states.filter((s) => PUBLIC_STATES.includes(s)),
    categories: q.categories.filter((c) => PUBLIC_CATEGORIES.includes(c)),
  });
  return rows.flatMap((row): Open311Request[] => {
    // The list never loads the timeline or the free text; the domain's Wish has them.
    const request = open311RequestOf(domainOf({ ...row, description: '', events: [] }), community.name);
    return request ? [request] : [];
  });
}
