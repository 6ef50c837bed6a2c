import * as z from 'zod';
import { Id, Note, PageInput, Photos } from '../schemas/primitives';

const StoryRef = { storyId: Id };

/** The secretary's draft of a confirmed wish's story; drafting again replaces it and asks the resident afresh. */
export const DraftStoryInput = z.strictObject({
  wishId: Id,
  note: Note,
  beforePhotos: Photos.optional(),
  afterPhotos: Photos.optional(),
  /** Quote the resident's thanks (their rating's comment), when they left one. */
  withThanks: z.boolean().default(true),
});
/** The resident's answer: true consents to publication, false declines or takes consent back (unpublishing). */
export const ConsentStoryInput = z.strictObject({ ...StoryRef, consent: z.boolean() });
export const StoryRefInput = z.strictObject(StoryRef);
export const StoryOfWishInput = z.strictObject({ wishId: Id });
export const ListStoriesInput = z.strictObject({ ...PageInput });

export const StoriesActions = {
  draft: DraftStoryInput,
  ofWish: StoryOfWishInput,
  consent: ConsentStoryInput,
  publish: StoryRefInput,
  unpublish: StoryRefInput,
  detail: StoryRefInput,
  list: ListStoriesInput,
} as const;
