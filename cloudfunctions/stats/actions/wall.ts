import { AppError, Categories, isPublicOnWall, wallItemOf } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { collections } from '../../_core/store/collections';
import { domainOf } from '../../_core/store/stored';
import { namesOf } from '../../_core/people';
import { nextCursor, pageFilter } from '../../_core/page';
import type { WishDoc } from '../../_core/types';
import type { Filter } from 'mongodb';

const PUBLIC_CATEGORIES = Categories.filter(isPublicOnWall);
const WALL_STATES = ['open', 'assigned', 'claimed', 'in_progress', 'done', 'confirmed'] as const;

/**
 * The public wall (心愿墙): approved wishes and what became of them, never legal aid,
 * mediation or medical ones, never a phone or address; anonymous residents stay anonymous
 * (shared/privacy `wallItemOf` decides each card).
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
    const filter: Filter<WishDoc> = { communityId, status: { $in: WALL_STATES }, category: { $in: PUBLIC_CATEGORIES }, ...pageFilter<WishDoc>(input.cursor) };
    const items = await collections(rt.db)
      .wishes.find(filter, { projection: { events: 0, contactPhone: 0, address: 0, description: 0, beneficiary: 0, progress: 0 } })
      .sort({ _id: -1 })
      .limit(limit)
      .toArray();
    const helpers = await namesOf(rt, items.flatMap((w) => w.claims.map((c) => c.assigneeId)));
    return {
      community: { id: community._id, name: community.name },
      items: items.flatMap((w) => {
        const card = wallItemOf(domainOf({ ...w, events: [] }), w.ownerName);
        return card ? [{ ...card, helpers: w.claims.map((c) => helpers.get(c.assigneeId) ?? '志愿者') }] : [];
      }),
      nextCursor: nextCursor(items, limit),
    };
  },
});
