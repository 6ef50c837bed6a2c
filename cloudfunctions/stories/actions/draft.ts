import { AppError, checkDraft, forWhomIds, wishNumberValues } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { wishPage } from '@shared/routes';
import { defineAction } from '../../_core/routing/action';
import { actorFor } from '../../_core/access/wishAccess';
import { announce } from '../../_core/notify/outbox';
import { newId } from '../../_core/store/ids';
import { isDuplicateKey } from '../../_core/store/requests';
import type { StoryDraft } from '../../_core/store/stories';
import { domainOf } from '../../_core/store/stored';
import { viewOf } from './common';

/**
 * The secretary writes the story of a confirmed wish (the note, before/after photos, the resident's thanks
 * from their rating) and the resident is asked, in their inbox and on their wish's page, whether it may be
 * published. Drafting again replaces the text and asks again: consent is given to what will be shown.
 */
export default defineAction({
  roles: ['secretary'],
  input: ActionSchemas.stories.draft,
  async run({ input, caller, rt }) {
    const wish = await rt.repos.wishes.load(input.wishId);
    const existing = await rt.repos.stories.ofWish(wish._id);
    checkDraft(domainOf(wish), actorFor(caller, wish), existing);
    const now = rt.now();
    const thanks = input.withThanks ? wish.rating?.comment : undefined;
    const draft: StoryDraft = {
      wishId: wish._id, communityId: wish.communityId, ...(wish.townId ? { townId: wish.townId } : {}),
      category: wish.category, title: wish.title, note: input.note,
      beforePhotos: input.beforePhotos ?? [], afterPhotos: input.afterPhotos ?? [],
      ...(thanks ? { thanks } : {}), ...(wish.rating ? { stars: wish.rating.stars } : {}),
      ownerId: wish.ownerId, residentIds: forWhomIds(wish), ...(wish.ownerName ?? wish.beneficiary?.name ? { ownerName: wish.ownerName ?? wish.beneficiary?.name } : {}),
      anonymous: wish.anonymous, helperIds: [...new Set(wish.claims.map((c) => c.assigneeId))],
      status: 'awaiting_consent', authorId: caller.id, draftedAt: now, updatedAt: now,
    };
    let story;
    try {
      story = await rt.repos.stories.saveDraft(existing?._id ?? newId(), draft);
    } catch (err) {
      // Another draft of the same wish was published, or written, in between.
      if (!isDuplicateKey(err)) throw err;
    }
    if (!story) throw new AppError('CONFLICT', '故事刚刚被修改或发布，请刷新后重试');
    await announce(
      rt,
      { template: 'story_consent_requested', eventId: newId(), communityId: wish.communityId, wishId: wish._id, page: wishPage(wish._id), values: { thing1: wish.title, thing2: '社区想把它写成微故事，请您决定是否同意', ...wishNumberValues(wish) } },
      draft.residentIds ?? [wish.ownerId],
    );
    return { story: await viewOf(rt, story, actorFor(caller, wish)) };
  },
});
