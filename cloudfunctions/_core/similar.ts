import type { Category } from '@shared';
import { collections } from './collections';
import type { GeoPoint, Runtime } from './types';

const NEAR_M = 300;
const RECENT_MS = 7 * 24 * 3600_000;
const EARTH_M = 6_378_100;

/**
 * Still-open wishes of the same category posted nearby this week: the poster (or the
 * grid worker entering one for an elder) is shown them before posting twice.
 */
export async function findSimilar(rt: Runtime, communityId: string, w: { category: Category; location: GeoPoint }) {
  const since = new Date(rt.now().getTime() - RECENT_MS);
  const items = await collections(rt.db)
    .wishes.find(
      {
        communityId,
        category: w.category,
        status: { $in: ['pending_review', 'open', 'assigned', 'claimed', 'in_progress'] },
        createdAt: { $gte: since },
        location: { $geoWithin: { $centerSphere: [w.location.coordinates, NEAR_M / EARTH_M] } },
      },
      { projection: { title: 1, status: 1, createdAt: 1 } },
    )
    .limit(5)
    .toArray();
  return items.map((x) => ({ id: x._id, title: x.title, status: x.status, createdAt: x.createdAt }));
}
