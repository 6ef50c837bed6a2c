import { COARSENING_SLACK_M, SIMILAR_SOURCE_FIELDS, nearestByCell, similarItemOf, type Category, type GeoPoint, type SimilarSource, type SimilarWish, type WishState } from '@shared';
import { actorFor } from '../access/wishAccess';
import type { Caller } from '../access/caller';
import type { Runtime } from '../runtime/types';

const NEAR_M = 300;
const RECENT_MS = 7 * 24 * 3600_000;
const SHOWN = 5;
/** Rows the caller may not be shown are dropped after the lookup: read a few more than are shown. */
const CANDIDATES = 20;
const LIVE: WishState[] = ['pending_review', 'open', 'assigned', 'claimed', 'in_progress'];

/**
 * Still-open wishes of the same category posted nearby this week: the poster (or the
 * grid worker entering one for an elder) is shown them before posting twice, as far as
 * shared/privacy `similarItemOf` lets this caller see them. $geoNear, so the 2dsphere
 * index does the spatial part; radius and distances are the coarsened points' (`nearestByCell`).
 */
export async function findSimilar(rt: Runtime, caller: Caller, communityId: string, w: { category: Category; location: GeoPoint }): Promise<SimilarWish[]> {
  const since = new Date(rt.now().getTime() - RECENT_MS);
  const rows = await rt.repos.wishes.similar<Omit<SimilarSource, 'id'>>(
    w.location,
    { communityId, category: w.category, since, states: LIVE, radiusM: NEAR_M + COARSENING_SLACK_M, limit: CANDIDATES },
    SIMILAR_SOURCE_FIELDS,
  );
  const viewer = actorFor(caller, { communityId });
  const near = nearestByCell(rows.map((x) => ({ ...x, id: x._id })), w.location, NEAR_M);
  return near.flatMap((x) => similarItemOf(x, w.location, viewer) ?? []).slice(0, SHOWN);
}
