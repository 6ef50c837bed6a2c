import { AppError } from '../errors';
import { isSensitiveCategory } from '../enums/categories';
import type { Category } from '../enums/categories';
import type { WishState } from '../enums/wishStates';
import { relationsOf, type UserActor } from '../lifecycle/relations';
import { canRead, type WishFacts } from '../privacy/audience';
import type { Instant } from '../schemas/primitives';

/**
 * 微故事: a confirmed wish told as a short story on the public wall. The secretary drafts it, the
 * resident it is about consents (or not), and only then may it be published; the resident may take
 * consent back at any time, which takes the story off the wall. Pure rules: no I/O.
 */
export const StoryStates = ['awaiting_consent', 'consented', 'published', 'declined', 'withdrawn'] as const;
export type StoryState = (typeof StoryStates)[number];

export const StoryStateLabels: Record<StoryState, string> = {
  awaiting_consent: '待居民同意',
  consented: '居民已同意，待发布',
  published: '已发布',
  declined: '居民未同意',
  withdrawn: '居民已撤回同意',
};

export interface Story {
  id: string;
  wishId: string;
  communityId: string;
  townId?: string;
  category: Category;
  /** The wish's title, as the story's headline. */
  title: string;
  /** The secretary's words. */
  note: string;
  beforePhotos: string[];
  afterPhotos: string[];
  /** The resident's thanks: their rating's comment, copied when drafted (what they consent to is what is shown). */
  thanks?: string;
  stars?: number;
  ownerId: string;
  /**
   * Everyone the story is about (lifecycle `FOR_WHOM`: the owner, and the family member a wish was posted for): each
   * is asked, any one may consent, and any one may take consent back. Absent on stories drafted before: the owner.
   */
  residentIds?: string[];
  /** The wish was posted anonymously: the story names nobody. */
  anonymous: boolean;
  helperIds: string[];
  status: StoryState;
  authorId: string;
  draftedAt: Instant;
  consentedAt?: Instant;
  publishedAt?: Instant;
  withdrawnAt?: Instant;
}

/** What drafting reads of the wish the story tells. */
export type StorySource = WishFacts & { status: WishState; beneficiary?: { userId?: string } };

/**
 * Whether the wish's resident can answer a consent request themselves: not when staff entered it for
 * someone without an account (the staff member stands as its owner, and may not consent for them).
 */
export function residentCanConsent(wish: Pick<StorySource, 'ownerId' | 'createdBy' | 'beneficiary'>): boolean {
  return !(wish.beneficiary && !wish.beneficiary.userId && wish.ownerId === wish.createdBy);
}

/**
 * Whether `actor` may draft the story of `wish` (or redraft the one it has): the secretary of its
 * community, once the resident confirmed it, never for a sensitive category (they never reach the
 * wall), only when the resident can answer for themselves, and not while a version is published (take it
 * down first: the resident consented to that text).
 * A wish the actor may not read does not exist for them.
 */
export function checkDraft(wish: StorySource, actor: UserActor, existing?: Pick<Story, 'status'> | null): void {
  if (!relationsOf(actor, wish).has('staff')) {
    throw canRead(wish, actor) ? new AppError('FORBIDDEN', '只有本社区书记可以撰写微故事') : new AppError('NOT_FOUND', '心愿不存在');
  }
  if (isSensitiveCategory(wish.category)) throw new AppError('CONFLICT', '涉及隐私的类别不上心愿墙，不能写成微故事');
  if (wish.status !== 'confirmed') throw new AppError('CONFLICT', '居民确认完成后才能写成微故事');
  if (!residentCanConsent(wish)) throw new AppError('CONFLICT', '这位居民没有使用小程序，无法征得本人同意，不能写成微故事');
  if (existing?.status === 'published') throw new AppError('CONFLICT', '故事已发布，请先撤下再修改');
}

export type StoryStep = 'consent' | 'withdraw' | 'publish' | 'unpublish';

/** Whom a story is about: they answer the consent request. */
export const storyResidents = (story: Pick<Story, 'ownerId' | 'residentIds'>): string[] => story.residentIds ?? [story.ownerId];

/** Who a person is to a story: a resident it is about, or staff of its community. */
export interface StoryStanding {
  owner: boolean;
  staff: boolean;
}

/** The story's next state on `step`, or the refusal. A step that changes nothing (consenting twice) is allowed and keeps the state. */
export function storyStep(story: Pick<Story, 'status'>, step: StoryStep, who: StoryStanding): StoryState {
  const from = story.status;
  switch (step) {
    case 'consent':
      if (!who.owner) throw new AppError('FORBIDDEN', '只有故事中的居民本人可以同意发布');
      return from === 'published' || from === 'consented' ? from : 'consented';
    case 'withdraw':
      if (!who.owner) throw new AppError('FORBIDDEN', '只有故事中的居民本人可以撤回同意');
      if (from === 'awaiting_consent') return 'declined';
      return from === 'declined' ? from : 'withdrawn';
    case 'publish':
      if (!who.staff) throw new AppError('FORBIDDEN', '只有本社区书记可以发布微故事');
      if (from === 'published') return from;
      if (from !== 'consented') throw new AppError('CONFLICT', '居民同意后才能发布');
      return 'published';
    case 'unpublish':
      if (!who.staff) throw new AppError('FORBIDDEN', '只有本社区书记可以撤下微故事');
      if (from !== 'published') throw new AppError('CONFLICT', '故事尚未发布');
      return 'consented';
  }
}

/** When a state is entered, the instant it records (and consent lost clears the publication). */
export function storyStamps(to: StoryState, now: Date): { consentedAt?: Date; publishedAt?: Date; withdrawnAt?: Date } {
  if (to === 'consented') return { consentedAt: now };
  if (to === 'published') return { publishedAt: now };
  if (to === 'withdrawn' || to === 'declined') return { withdrawnAt: now };
  return {};
}

/** A story is on the wall while published, and only if its category may be shown to anyone. */
export function isOnWall(story: Pick<Story, 'status' | 'category'>): boolean {
  return story.status === 'published' && !isSensitiveCategory(story.category);
}
