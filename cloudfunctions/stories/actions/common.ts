import { AppError, actorOf, storyCardOf, storyResidents, storyViewOf, type Story, type StoryCard, type StoryStanding, type StoryView, type Viewer } from '@shared';
import type { Caller } from '../../_core/access/caller';
import type { Runtime } from '../../_core/runtime/types';
import type { StoryDoc } from '../../_core/store/stories';

export function domainStory(doc: StoryDoc): Story {
  const { _id, updatedAt: _updatedAt, ownerName: _ownerName, ...story } = doc;
  return { ...story, id: _id };
}

/** Who the caller is to the story: its resident, staff who may move it (the secretary), staff who may follow it. */
export function standingOf(caller: Caller | null, story: StoryDoc): StoryStanding & { follows: boolean; viewer: Viewer } {
  if (!caller) return { owner: false, staff: false, follows: false, viewer: { kind: 'public' } };
  const actor = actorOf({ id: caller.id, memberships: caller.acting }, story.communityId, story.townId);
  const owner = storyResidents(story).includes(caller.id);
  const staff = actor.roles.includes('secretary');
  const follows = owner || staff || actor.roles.includes('grid_worker') || actor.roles.includes('town_admin');
  return { owner, staff, follows, viewer: actor };
}

/** The story in any state, for its resident and staff. */
export async function viewOf(rt: Runtime, story: StoryDoc, viewer: Viewer): Promise<StoryView> {
  const helpers = await rt.repos.users.helperNames(story.helperIds);
  return storyViewOf(domainStory(story), story.ownerName, story.helperIds.map((id) => helpers.get(id)), viewer);
}

/** The public card, or null when the story is not on the wall. */
export async function cardOf(rt: Runtime, story: StoryDoc, viewer: Viewer): Promise<StoryCard | null> {
  const helpers = await rt.repos.users.helperNames(story.helperIds);
  return storyCardOf(domainStory(story), story.ownerName, story.helperIds.map((id) => helpers.get(id)), viewer);
}

/** A story the caller may not follow and that is not public does not exist for them. */
export async function loadStory(rt: Runtime, id: string): Promise<StoryDoc> {
  const story = await rt.repos.stories.find(id);
  if (!story) throw new AppError('NOT_FOUND', '故事不存在');
  return story;
}
