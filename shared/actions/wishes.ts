import * as z from 'zod';
import { Category } from '../enums/categories';
import { WishState } from '../enums/wishStates';
import { Address, Comment, Description, GeoPoint, Id, PageInput, Phone, Reason, TimeWindow, Title, VoiceNote, WishPhotos } from '../schemas/primitives';
import { HelpersNeeded, PaidHours, Stars, WORDS_MESSAGES, missingWords, voiceTitle } from '../schemas/wish';

/** What a resident fills in; staff fill in the same for a proxy entry. Title and description as `withWords` says. */
export const wishFields = {
  category: Category,
  title: Title.optional(),
  description: Description.optional(),
  photos: WishPhotos.optional(),
  voice: VoiceNote.optional(),
  location: GeoPoint,
  address: Address.optional(),
  buildingId: Id.optional(),
  contactPhone: Phone.optional(),
  preferredTime: TimeWindow.optional(),
  helpersNeeded: HelpersNeeded.default(1),
  anonymous: z.boolean().default(false),
};

/** An edit names only what changes; null clears an optional field. */
export const wishEdits = {
  category: Category.optional(),
  title: Title.optional(),
  description: Description.optional(),
  /** The photos as they are to be now (the kept ones and any new); null removes them all. */
  photos: WishPhotos.nullable().optional(),
  /** A new recording replaces the old; null deletes it (the words rule then wants a title and a description). */
  voice: VoiceNote.nullable().optional(),
  location: GeoPoint.optional(),
  address: Address.nullable().optional(),
  buildingId: Id.nullable().optional(),
  contactPhone: Phone.nullable().optional(),
  preferredTime: TimeWindow.nullable().optional(),
  helpersNeeded: HelpersNeeded.optional(),
  anonymous: z.boolean().optional(),
};

const WishRef = { wishId: Id };

type Worded = { category: z.output<typeof Category>; title?: string; description?: string; voice?: unknown };

/**
 * A new wish's words (schemas/wish `missingWords`): refused field by field when neither they nor a voice note are
 * there; a title left out beside a voice note becomes the category's （语音） title.
 */
export function withWords<S extends z.ZodType<Worded>>(schema: S) {
  // Checked even while other fields are wrong (no category yet): the form names every missing thing at once.
  const when = (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null;
  const lacks = (path: 'title' | 'description') => (v: Worded) => !missingWords(v).some((m) => m.path === path);
  return schema
    .refine(lacks('title'), { path: ['title'], message: WORDS_MESSAGES.title, when })
    .refine(lacks('description'), { path: ['description'], message: WORDS_MESSAGES.description, when })
    .transform((v) => ({ ...v, title: v.title ?? voiceTitle(v.category) }) as z.output<S> & { title: string });
}

export const CreateWishInput = withWords(
  z.strictObject({
    ...wishFields,
    /** 用时间支付: these hours are held from the poster's 时间银行 account now and paid when the wish is confirmed. */
    paidHours: PaidHours.optional(),
    /** For a family member who accepted the link (时间银行 家人): they are named on the wish as the one helped. */
    forFamilyId: Id.optional(),
  }),
);
export const UpdateWishInput = z
  .strictObject({ ...WishRef, ...wishEdits })
  .refine((v) => Object.keys(v).some((k) => k !== 'wishId'), { message: '没有要修改的内容', path: ['wishId'] });
/** A rejected wish goes back to review, usually edited to meet the reviewer's reason. */
export const ResubmitWishInput = z.strictObject({ ...WishRef, ...wishEdits });
export const CancelWishInput = z.strictObject({ ...WishRef, reason: Reason.optional() });
export const MyWishesInput = z.strictObject({ status: WishState.optional(), ...PageInput });
export const WishDetailInput = z.strictObject(WishRef);
export const ConfirmWishInput = z.strictObject(WishRef);
/** The resident says the work is not done: the reason goes to the helpers and the secretary. */
export const DisputeWishInput = z.strictObject({ ...WishRef, reason: Reason });
export const RateWishInput = z.strictObject({
  ...WishRef,
  stars: Stars,
  comment: Comment.optional(),
});

/** 催一催: no words needed, the wish says what is waiting. */
export const NudgeWishInput = z.strictObject(WishRef);

/** Before posting: open wishes of the same kind close by, so a neighbour's request is joined, not doubled. */
export const SimilarWishesInput = z.strictObject({ category: Category, location: GeoPoint });

export const WishesActions = {
  create: CreateWishInput,
  update: UpdateWishInput,
  cancel: CancelWishInput,
  mine: MyWishesInput,
  detail: WishDetailInput,
  confirm: ConfirmWishInput,
  dispute: DisputeWishInput,
  rate: RateWishInput,
  resubmit: ResubmitWishInput,
  similar: SimilarWishesInput,
  nudge: NudgeWishInput,
} as const;
