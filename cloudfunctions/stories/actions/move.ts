import { AppError, storyStamps, storyStep, type StoryStep } from '@shared';
import type { Caller } from '../../_core/access/caller';
import type { Runtime } from '../../_core/runtime/types';
import { loadStory, standingOf, viewOf } from './common';

/** The secretary puts a consented story on the wall, or takes it down (it stays consented and may go up again). */
export async function moveStory(rt: Runtime, caller: Caller, storyId: string, step: Extract<StoryStep, 'publish' | 'unpublish'>) {
  const story = await loadStory(rt, storyId);
  const who = standingOf(caller, story);
  if (!who.follows) throw new AppError('NOT_FOUND', '故事不存在');
  const to = storyStep(story, step, who);
  if (to === story.status) return { story: await viewOf(rt, story, who.viewer) };
  const now = rt.now();
  const moved = await rt.repos.stories.step(story._id, story.status, to, storyStamps(to, now), now);
  // The resident took consent back in between: nothing goes up without it.
  if (!moved) throw new AppError('CONFLICT', '故事状态刚刚发生变化，请刷新后重试');
  return { story: await viewOf(rt, moved, who.viewer) };
}
