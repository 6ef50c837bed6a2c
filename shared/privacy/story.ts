import { CategoryInfos } from '../enums/categories';
import type { Category } from '../enums/categories';
import type { Instant } from '../schemas/primitives';
import { isOnWall, StoryStateLabels, type Story, type StoryState } from '../stories/rules';
import type { Viewer } from './audience';
import { maskName } from './mask';
import { helperNameOf, type HelperFacts } from './org';

/** A 微故事 as anyone may read it: on the wall, behind a shared link. Never the wish's id, a phone or an address. */
export interface StoryCard {
  id: string;
  title: string;
  category: Category;
  categoryLabel: string;
  note: string;
  beforePhotos: string[];
  afterPhotos: string[];
  thanks?: string;
  stars?: number;
  /** The resident masked (李**), or 匿名居民 when the wish was anonymous. */
  residentName: string;
  /** Each helper as the helper-name rule shows them to this viewer (org.ts `helperNameOf`). */
  helpers: string[];
  publishedAt?: Instant;
}

/** The story with its state, for the resident it is about and the staff who wrote it. */
export interface StoryView extends StoryCard {
  wishId: string;
  status: StoryState;
  statusLabel: string;
  draftedAt: Instant;
  consentedAt?: Instant;
  withdrawnAt?: Instant;
}

/** The public card of a published story; null when it is not on the wall (unpublished, or a sensitive category). */
export function storyCardOf(story: Story, ownerName: string | undefined, helpers: (HelperFacts | undefined)[], viewer: Viewer): StoryCard | null {
  if (!isOnWall(story)) return null;
  return cardOf(story, ownerName, helpers, viewer);
}

/** The story as its resident and its community's staff follow it: any state, with the wish it tells. */
export function storyViewOf(story: Story, ownerName: string | undefined, helpers: (HelperFacts | undefined)[], viewer: Viewer): StoryView {
  const view: StoryView = {
    ...cardOf(story, ownerName, helpers, viewer),
    wishId: story.wishId, status: story.status, statusLabel: StoryStateLabels[story.status], draftedAt: story.draftedAt,
  };
  if (story.consentedAt !== undefined) view.consentedAt = story.consentedAt;
  if (story.withdrawnAt !== undefined) view.withdrawnAt = story.withdrawnAt;
  return view;
}

function cardOf(story: Story, ownerName: string | undefined, helpers: (HelperFacts | undefined)[], viewer: Viewer): StoryCard {
  const card: StoryCard = {
    id: story.id,
    title: story.title,
    category: story.category,
    categoryLabel: CategoryInfos[story.category].label,
    note: story.note,
    beforePhotos: story.beforePhotos,
    afterPhotos: story.afterPhotos,
    residentName: maskName(ownerName ?? '', story.anonymous || !ownerName),
    helpers: helpers.map((h) => helperNameOf(h, viewer)),
  };
  if (story.thanks !== undefined) card.thanks = story.thanks;
  if (story.stars !== undefined) card.stars = story.stars;
  if (story.publishedAt !== undefined) card.publishedAt = story.publishedAt;
  return card;
}
