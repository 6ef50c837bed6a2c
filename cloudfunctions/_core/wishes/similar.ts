import { COARSENING_SLACK_M, SIMILAR_SOURCE_FIELDS, similarItemOf, type Category, type GeoPoint, type SimilarSource, type SimilarWish, type WishState } from '@shared';
import { actorFor } from '../access/wishAccess';
import type { Caller } from '../access/caller';
import type { Runtime } from '../runtime/types';
import { nearestWishesByCell } from './byCell';

const NEAR_M = 300;
const RECENT_MS = 7 * 24 * 3600_000;
const SHOWN = 5;
/** Rows the caller may not be shown are dropped after the lookup: read a few more than are shown. */
const CANDIDATES_EXTRA = 15;
const LIVE: WishState[] = ['pending_review', 'open', 'assigned', 'claimed', 'in_progress'];

/**
 * Still-open wishes of the same category posted nearby this week: the poster (or the
 * grid worker entering one for an elder) is shown them before posting twice, as far as
 * shared/privacy `similarItemOf` lets this caller see them. $geoNear, so the 2dsphere
 * index does the spatial part; radius, order, the cut and distances are the coarsened points' (`firstByCell`).
 */
export async function findSimilar(rt: Runtime, caller: Caller, communityId: string, w: { category: Category; location: GeoPoint }): Promise<SimilarWish[]> {
  const since = new Date(rt.now().getTime() - RECENT_MS);
  const viewer = actorFor(caller, { communityId });
  const hint = (x: Omit<SimilarSource, 'id'> & { _id: string }) => similarItemOf({ ...x, id: x._id }, w.location, viewer);
  const near = await nearestWishesByCell(
    (limit) => rt.repos.wishes.similar<Omit<SimilarSource, 'id'>>(
      w.location,
      { communityId, category: w.category, since, states: LIVE, radiusM: NEAR_M + COARSENING_SLACK_M, limit },
      SIMILAR_SOURCE_FIELDS,
    ),
    { from: w.location, radiusM: NEAR_M, limit: SHOWN, extra: CANDIDATES_EXTRA, keep: (x) => hint(x) !== null },
  );
  return near.map((x) => hint(x)!);
}
