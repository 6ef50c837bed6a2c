import { AppError, Categories, isPublicOnWall, storyCardOf, wallItemOf, type StoryCard } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { domainOf } from '../../_core/store/stored';
import { domainStory } from '../../stories/actions/common';

const PUBLIC_CATEGORIES = Categories.filter(isPublicOnWall);
/** Realised wishes only: done by the helper, or confirmed by the resident. */
const WALL_STATES = ['done', 'confirmed'] as const;
/** The stories the wall opens with. */
const WALL_STORIES = 20;

/**
 * The public wall (心愿墙): published 微故事 first, then realised wishes, newest first, with their helpers
 * and rating; a wish told by a published story appears as that story only. Never legal aid, mediation or
 * medical ones, never a phone or address; anonymous residents stay anonymous (shared/privacy `wallItemOf`,
 * `storyCardOf` decide each card).
 */
export default defineAction({
  auth: 'public',
  input: ActionSchemas.stats.wall,
  async run({ input, rt, caller }) {
    const communityId = input.communityId ?? caller?.communityId;
    if (!communityId) throw new AppError('VALIDATION_FAILED', '请指定社区', { fields: [{ path: 'communityId', message: '必填' }] });
    const name = (await rt.repos.communities.names([communityId])).get(communityId);
    if (name === undefined) throw new AppError('NOT_FOUND', '社区不存在');
    const told = await rt.repos.stories.publishedWishIds(communityId);
    const { items, nextCursor } = await rt.repos.wishes.wall(communityId, { states: WALL_STATES, categories: PUBLIC_CATEGORIES, cursor: input.cursor, limit: input.limit ?? 20, except: told });
    // Stories open the wall: the first page carries them, later pages continue with wishes.
    const stories = input.cursor ? [] : await rt.repos.stories.published(communityId, WALL_STORIES);
    const helpers = await rt.repos.users.helperNames([...items.flatMap((w) => w.claims.map((c) => c.assigneeId)), ...stories.flatMap((s) => s.helperIds)]);
    return {
      community: { id: communityId, name },
      stories: stories.flatMap((s): StoryCard[] => {
        const card = storyCardOf(domainStory(s), s.ownerName, s.helperIds.map((id) => helpers.get(id)), { kind: 'public' });
        return card ? [card] : [];
      }),
      items: items.flatMap((w) => {
        // The wall never reads the description (it is not even loaded); the domain's Wish has one.
        const card = wallItemOf(domainOf({ ...w, description: '', events: [] }), w.ownerName, w.claims.map((c) => helpers.get(c.assigneeId)));
        return card ? [card] : [];
      }),
      nextCursor,
    };
  },
});
