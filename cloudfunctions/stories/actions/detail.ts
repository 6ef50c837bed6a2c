import { AppError } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { cardOf, loadStory, standingOf, viewOf } from './common';

/** What a shared link opens: anyone reads a published story; its resident and staff read it in any state. */
export default defineAction({
  auth: 'public',
  input: ActionSchemas.stories.detail,
  async run({ input, caller, rt }) {
    const story = await loadStory(rt, input.storyId);
    const who = standingOf(caller, story);
    const shown = who.follows ? await viewOf(rt, story, who.viewer) : await cardOf(rt, story, who.viewer);
    if (!shown) throw new AppError('NOT_FOUND', '故事不存在或已撤下');
    const name = (await rt.repos.communities.names([story.communityId])).get(story.communityId) ?? '';
    return { story: shown, community: { id: story.communityId, name } };
  },
});
