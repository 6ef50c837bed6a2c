import { AppError, storyStamps, storyStep } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { Pages } from '@shared/routes';
import { defineAction } from '../../_core/routing/action';
import { announce } from '../../_core/notify/outbox';
import { newId } from '../../_core/store/ids';
import { loadStory, standingOf, viewOf } from './common';

/**
 * The resident's answer: consent lets the secretary publish; no (or consent taken back later) keeps the
 * story off the wall, and takes it down at once if it was published. The secretary hears either way.
 */
export default defineAction({
  input: ActionSchemas.stories.consent,
  async run({ input, caller, rt }) {
    const story = await loadStory(rt, input.storyId);
    const who = standingOf(caller, story);
    if (!who.follows) throw new AppError('NOT_FOUND', '故事不存在');
    const to = storyStep(story, input.consent ? 'consent' : 'withdraw', who);
    if (to === story.status) return { story: await viewOf(rt, story, who.viewer) };
    const now = rt.now();
    const moved = await rt.repos.stories.step(story._id, story.status, to, storyStamps(to, now), now);
    if (!moved) throw new AppError('CONFLICT', '故事状态刚刚发生变化，请刷新后重试');
    await announce(
      rt,
      {
        template: 'story_consent_answered', eventId: newId(), communityId: story.communityId, wishId: story.wishId, page: Pages.stories,
        values: { thing1: story.title, phrase2: input.consent ? '同意发布' : '不同意', thing3: story.status === 'published' ? '故事已从心愿墙撤下' : '—' },
      },
      [story.authorId],
    );
    return { story: await viewOf(rt, moved, who.viewer) };
  },
});
