import * as z from 'zod';
import { Category, CategoryInfos } from '../enums/categories';
import { Channel } from '../enums/channels';
import { Priority } from '../enums/priorities';
import { WishState } from '../enums/wishStates';
import { Address, Comment, Description, GeoPoint, Id, Instant, Note, PersonName, Phone, Photos, Reason, TimeWindow, Title, VoiceNote, WishPhotos } from './primitives';
import { ServiceHours } from './service';
import { HOURS_STEP, MAX_WITHDRAWAL_HOURS } from '../timebank/rules';
import { WISH_NUMBER_PATTERN } from '../wishNumber';

/** 用时间支付: the hours a wish is paid with from its owner's 时间银行 account, in half hours. */
export const PaidHours = z
  .number({ error: '请填写支付的小时数' })
  .min(HOURS_STEP, `至少 ${HOURS_STEP} 小时`)
  .max(MAX_WITHDRAWAL_HOURS, `最多 ${MAX_WITHDRAWAL_HOURS} 小时`)
  .multipleOf(HOURS_STEP, '按半小时计');

export const HelpersNeeded = z.number().int().min(1, '至少需要 1 人').max(10, '最多 10 人');

export const AssigneeKind = z.enum(['user', 'unit']);
/** Whom staff dispatch a wish to: a person (党员/志愿者) or a co-building unit. */
export const AssignTarget = z.strictObject({ kind: AssigneeKind, id: Id });
export type AssignTarget = z.infer<typeof AssignTarget>;

/**
 * A live claim: one helper (kind 'user') or a unit (kind 'unit') holding `slots`
 * places of the wish until `leaseUntil`. Each claim goes its own way (start,
 * complete) while other places are still free. Released and expired claims leave
 * the array; the timeline keeps them.
 */
export const Claim = z.strictObject({
  claimerId: Id,
  kind: AssigneeKind,
  unitId: Id.optional(),
  /** Who does the work: the claimer, or the unit member it was handed to. */
  assigneeId: Id,
  /** Places held: 1 for a volunteer; a unit or an accepted assignment takes all that were free. */
  slots: z.number().int().min(1).max(10),
  leaseUntil: Instant,
  extensions: z.number().int().min(0),
  claimedAt: Instant,
  /** This helper began their part: from here their lease no longer binds. */
  startedAt: Instant.optional(),
  /** This helper finished their part; the wish is done when every place is taken and finished. */
  completedAt: Instant.optional(),
});
export type Claim = z.infer<typeof Claim>;

export const Assignment = z.strictObject({
  target: AssignTarget,
  by: Id,
  at: Instant,
});
export type Assignment = z.infer<typeof Assignment>;

/** A rating: whole stars, one to five. */
export const Stars = z.number().int().min(1, '至少 1 星').max(5, '最多 5 星');

export const Rating = z.strictObject({
  stars: Stars,
  comment: Comment.optional(),
  by: Id,
  at: Instant,
});
export type Rating = z.infer<typeof Rating>;

/** The helper's report when finishing: what was done, photos, hours. */
export const Completion = z.strictObject({
  note: Note,
  photos: Photos.optional(),
  hours: ServiceHours.optional(),
  by: Id,
  at: Instant,
});
export type Completion = z.infer<typeof Completion>;

export const EscalationLevel = z.enum(['secretary', 'town']);
export type EscalationLevel = z.infer<typeof EscalationLevel>;

/** Who is helped when staff enter a wish for someone without the app (proxy entry). */
export const Beneficiary = z.strictObject({
  userId: Id.optional(),
  name: PersonName,
  phone: Phone.optional(),
});

/**
 * A voice note may stand in for the words (an elder who can't type presses 按住 说话 and picks a category): then the
 * title may be left out, and is the category's label with （语音） (`voiceTitle`), and the description may be left
 * out, until staff type out what was said (dispatch.transcribe). Without a voice note both are needed. This is the
 * rule for every way a wish is entered (wishes.create, dispatch.proxyCreate) and every edit (the effect of update,
 * resubmit): one function, asked by the schemas and by the lifecycle.
 */
export interface WishWords {
  title?: string;
  description?: string;
  voice?: unknown;
}
export const VOICE_TITLE_MARK = '（语音）';
export const voiceTitle = (category: Category): string => `${CategoryInfos[category].label}${VOICE_TITLE_MARK}`;
export const WORDS_MESSAGES = {
  title: '请填写标题，或按住说话录一段语音',
  description: '请写下需要什么帮助，或按住说话录一段语音',
} as const;
/** The fields the words rule finds missing, each with what to do about it; empty when the wish says enough. */
export function missingWords(w: WishWords): { path: 'title' | 'description'; message: string }[] {
  if (w.voice !== undefined && w.voice !== null) return [];
  const out: { path: 'title' | 'description'; message: string }[] = [];
  // Absent, not empty: an empty or blank one is its own schema's error (不能为空), said once.
  if (w.title === undefined) out.push({ path: 'title', message: WORDS_MESSAGES.title });
  if (w.description === undefined) out.push({ path: 'description', message: WORDS_MESSAGES.description });
  return out;
}

/** 心愿编号 TY-2026-0123 (shared/wishNumber): given at creation, never changed. */
export const WishNumber = z.string().regex(WISH_NUMBER_PATTERN, '心愿编号格式如 TY-2026-0123');

export const Wish = z.strictObject({
  id: Id,
  /** Absent only on wishes stored before numbers, until the start-up migration numbers them. */
  number: WishNumber.optional(),
  communityId: Id,
  townId: Id.optional(),
  category: Category,
  title: Title,
  /** Absent only while a voice note says it (`missingWords`), until staff type it out. */
  description: Description.optional(),
  /** Photos the resident (or staff entering for them) attached: shown only to those the `contact` rule names. */
  photos: WishPhotos.optional(),
  /** 语音: what the resident said, for those the `contact` rule names; staff type it out into the description. */
  voice: VoiceNote.optional(),
  location: GeoPoint,
  address: Address.optional(),
  buildingId: Id.optional(),
  /** Derived from the building; lets a grid worker triage the wishes of their grid. */
  gridId: Id.optional(),
  contactPhone: Phone.optional(),
  preferredTime: TimeWindow.optional(),
  helpersNeeded: HelpersNeeded,
  channel: Channel,
  anonymous: z.boolean(),
  priority: Priority,
  status: WishState,
  /** The resident the wish is for: the poster, or the beneficiary of a proxy entry. */
  ownerId: Id,
  /** Denormalised for lists; masked by viewOf/wallItemOf before anyone else sees it. */
  ownerName: PersonName.optional(),
  /** Who typed it in (the owner, or staff for a proxy entry). */
  createdBy: Id,
  beneficiary: Beneficiary.optional(),
  /** 用时间支付: held from the owner's time account at posting, charged on confirmation, released on a cancel or rejection. */
  paidHours: PaidHours.optional(),
  claims: z.array(Claim).max(10),
  assignment: Assignment.optional(),
  rejectReason: Reason.optional(),
  rating: Rating.optional(),
  completion: Completion.optional(),
  escalation: z.strictObject({ level: EscalationLevel, at: Instant }).optional(),
  /** When the wish last became open: the clock escalation runs on. */
  openedAt: Instant.optional(),
  approvedAt: Instant.optional(),
  claimedAt: Instant.optional(),
  doneAt: Instant.optional(),
  confirmedAt: Instant.optional(),
  cancelledAt: Instant.optional(),
  /** When its resident last pressed 催一催 (once a day at most: lifecycle `nudgeDueAt`). */
  nudgedAt: Instant.optional(),
  /** When it last went to review (posted, or resubmitted after a rejection): the age people see while it waits. */
  submittedAt: Instant.optional(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Wish = z.infer<typeof Wish>;
