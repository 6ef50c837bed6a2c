import type { Category } from '@shared';
import { collections } from './store/collections';
import type { GeoPoint } from '@shared';
import type { Runtime, WishDoc } from './types';

const NEAR_M = 300;
const RECENT_MS = 7 * 24 * 3600_000;

/**
 * Still-open wishes of the same category posted nearby this week: the poster (or the
 * grid worker entering one for an elder) is shown them before posting twice.
 * $geoNear, so the 2dsphere index does the spatial part.
 */
export async function findSimilar(rt: Runtime, communityId: string, w: { category: Category; location: GeoPoint }) {
  const since = new Date(rt.now().getTime() - RECENT_MS);
  const items = await collections(rt.db)
    .wishes.aggregate<Pick<WishDoc, '_id' | 'title' | 'status' | 'createdAt'> & { distanceM: number }>([
      {
        $geoNear: {
          near: w.location,
          distanceField: 'distanceM',
          maxDistance: NEAR_M,
          spherical: true,
          key: 'location',
          query: {
            communityId,
            category: w.category,
            status: { $in: ['pending_review', 'open', 'assigned', 'claimed', 'in_progress'] },
            createdAt: { $gte: since },
          },
        },
      },
      { $limit: 5 },
      { $project: { title: 1, status: 1, createdAt: 1, distanceM: 1 } },
    ])
    .toArray();
  return items.map((x) => ({ id: x._id, title: x.title, status: x.status, createdAt: x.createdAt, distanceM: Math.round(x.distanceM) }));
}
