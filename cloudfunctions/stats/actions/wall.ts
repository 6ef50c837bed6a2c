import { AppError, Categories, isPublicOnWall } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { collections } from '../../_core/collections';
import { namesOf } from '../../_core/people';
import { nextCursor, pageFilter } from '../../_core/page';
import type { WishDoc } from '../../_core/types';
import type { Filter } from 'mongodb';

const PUBLIC_CATEGORIES = Categories.filter(isPublicOnWall);

/** 王** — a surname and stars; the full name never goes on the wall. */
function maskName(name?: string): string {
  if (!name) return '居民';
  const chars = [...name];
  return chars[0] + '*'.repeat(Math.max(1, Math.min(2, chars.length - 1)));
}

/**
 * The public wall of fulfilled wishes: never legal aid, mediation or medical ones,
 * never a phone, address or description; anonymous residents stay anonymous.
 */
export default defineAction({
  auth: 'public',
  input: ActionSchemas.stats.wall,
  async run({ input, caller, rt }) {
    const communityId = input.communityId ?? caller?.communityId;
    if (!communityId) throw new AppError('VALIDATION_FAILED', '请指定社区', { fields: [{ path: 'communityId', message: '必填' }] });
    const community = await collections(rt.db).communities.findOne({ _id: communityId }, { projection: { name: 1 } });
    if (!community) throw new AppError('NOT_FOUND', '社区不存在');
    const limit = input.limit ?? 20;
    const filter: Filter<WishDoc> = { communityId, status: 'confirmed', category: { $in: PUBLIC_CATEGORIES }, ...pageFilter<WishDoc>(input.cursor) };
    const items = await collections(rt.db)
      .wishes.find(filter, { projection: { title: 1, category: 1, anonymous: 1, ownerName: 1, claims: 1, confirmedAt: 1, rating: 1 } })
      .sort({ _id: -1 })
      .limit(limit)
      .toArray();
    const helpers = await namesOf(rt, items.flatMap((w) => w.claims.map((c) => c.assigneeId)));
    return {
      community: { id: community._id, name: community.name },
      items: items.map((w) => ({
        id: w._id,
        title: w.title,
        category: w.category,
        resident: w.anonymous ? '匿名居民' : maskName(w.ownerName),
        helpers: w.claims.map((c) => helpers.get(c.assigneeId) ?? '志愿者'),
        confirmedAt: w.confirmedAt,
        stars: w.rating?.stars,
        comment: w.rating?.comment,
      })),
      nextCursor: nextCursor(items, limit),
    };
  },
});
