import type { ActionInput, ActionReply } from '@shared/actions';
import { call } from './api';

type Opts = { requestId?: string };

/** A 微故事 in any state, as its resident and staff follow it. */
export type StoryView = ActionReply<'stories', 'draft'>['story'];
/** A published story as anyone reads it (the wall, a shared link). */
export type StoryCardView = ActionReply<'stats', 'wall'>['stories'][number];

/** Whether a reply carries the story's state (its resident and staff), or only the public card. */
export const isStoryView = (s: StoryView | StoryCardView | null | undefined): s is StoryView => !!s && 'status' in s;

export const storiesApi = {
  ofWish: (wishId: string) => call('stories', 'ofWish', { wishId }),
  detail: (storyId: string) => call('stories', 'detail', { storyId }),
  consent: (storyId: string, consent: boolean, opts?: Opts) => call('stories', 'consent', { storyId, consent }, opts),
  draft: (data: ActionInput<'stories', 'draft'>, opts?: Opts) => call('stories', 'draft', data, opts),
  publish: (storyId: string) => call('stories', 'publish', { storyId }),
  unpublish: (storyId: string) => call('stories', 'unpublish', { storyId }),
  list: (cursor?: string) => call('stories', 'list', cursor ? { cursor } : {}),
};
