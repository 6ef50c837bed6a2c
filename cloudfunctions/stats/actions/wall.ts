import { AppError, Categories, isPublicOnWall, wallItemOf } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { domainOf } from '../../_core/store/stored';

const PUBLIC_CATEGORIES = Categories.filter(isPublicOnWall);
/** Realised wishes only: done by the helper, or confirmed by the resident. */
const WALL_STATES = ['done', 'confirmed'] as const;

/**
 * The public wall (心愿墙): realised wishes, newest first, with their helpers and rating; never legal aid,
 * mediation or medical ones, never a phone or address; anonymous residents stay anonymous
 * (shared/privacy `wallItemOf` decides each card).
 */
export default defineAction({
  auth: 'public',
  input: ActionSchemas.stats.wall,
  async run({ input, caller, rt }) {
    const communityId = input.communityId ?? caller?.communityId;
    if (!communityId) throw new AppError('VALIDATION_FAILED', '请指定社区', { fields: [{ path: 'communityId', message: '必填' }] });
    const name = (await rt.repos.communities.names([communityId])).get(communityId);
    if (name === undefined) throw new AppError('NOT_FOUND', '社区不存在');
    const { items, nextCursor } = await rt.repos.wishes.wall(communityId, { states: WALL_STATES, categories: PUBLIC_CATEGORIES, cursor: input.cursor, limit: input.limit ?? 20 });
    const helpers = await rt.repos.users.helperNames(items.flatMap((w) => w.claims.map((c) => c.assigneeId)));
    return {
      community: { id: communityId, name },
      items: items.flatMap((w) => {
        // The wall never reads the description (it is not even loaded); the domain's Wish has one.
        const card = wallItemOf(domainOf({ ...w, description: '', events: [] }), w.ownerName, w.claims.map((c) => helpers.get(c.assigneeId)));
        return card ? [card] : [];
      }),
      nextCursor,
    };
  },
});
