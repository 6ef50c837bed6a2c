import type { Category } from '@shared/vocab/categories';
import type { GeoPoint } from '@shared/schemas/primitives';
import { titleFromDescription } from '@shared/vocab/autoTitle';
import { loadedChecks } from './lazyChecks';
import { isAudioRef, isPhotoRef } from '@shared/vocab/photoRefs';

export { titleFromDescription };

export type TimeSlot = 'any' | 'morning' | 'afternoon' | 'evening';

/** What the form holds while a person types: strings as typed, kept as a draft in storage. */
export interface WishDraft {
  category?: Category;
  title: string;
  description: string;
  location?: GeoPoint;
  locationLabel?: string;
  address: string;
  contactPhone: string;
  /** YYYY-MM-DD, empty for "any day". */
  day: string;
  slot: TimeSlot;
  helpersNeeded: number;
  anonymous: boolean;
  /** 用时间支付: hours from my 时间银行 account, held at posting. */
  payByHours: boolean;
  paidHours: number;
  /** A family member the wish is for ('' = myself). */
  forFamilyId: string;
  /** Photos picked (local files until sent) or kept (stored references of a wish being edited). */
  photos: string[];
  /** 语音: a recording (local until sent, or stored) and its seconds; it may stand in for the title and description. */
  voice?: { src: string; seconds: number };
}

export const emptyDraft = (): WishDraft => ({
  title: '',
  description: '',
  address: '',
  contactPhone: '',
  day: '',
  slot: 'any',
  helpersNeeded: 1,
  anonymous: false,
  payByHours: false,
  paidHours: 1,
  forFamilyId: '',
  photos: [],
});

export const SlotLabels: Record<TimeSlot, string> = {
  any: '时间不限',
  morning: '上午 8–12点',
  afternoon: '下午 14–18点',
  evening: '晚上 18–21点',
};

/** A part of a day, as residents say it. */
export type DayPart = Exclude<TimeSlot, 'any'>;

/** Hours in China time, where every community is. */
const SlotHours: Record<DayPart, [number, number]> = {
  morning: [8, 12],
  afternoon: [14, 18],
  evening: [18, 21],
};

/** A day and a slot → the ISO window the schema wants (local time, China +08:00). */
export function preferredTimeOf(day: string, slot: TimeSlot): { from: string; to: string } | undefined {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const [fromH, toH] = slot === 'any' ? [8, 21] : SlotHours[slot];
  const pad = (n: number) => String(n).padStart(2, '0');
  return { from: `${day}T${pad(fromH)}:00:00+08:00`, to: `${day}T${pad(toH)}:00:00+08:00` };
}

/** Elder mode skips the title: the description's first thought stands in. */
export function effectiveTitle(draft: WishDraft, elder: boolean): string {
  if (draft.title.trim() || !elder) return draft.title;
  return titleFromDescription(draft.description);
}

/**
 * The `wishes.create` payload; optional fields left out when empty. A title or description left empty is left out
 * too: beside a voice note the server fills in the title and the description waits (schemas/wish `missingWords`),
 * without one the schema asks for them. Photos and the voice note are local files until the form uploads them.
 */
export function payloadOf(draft: WishDraft, elder = false): Record<string, unknown> {
  const preferredTime = preferredTimeOf(draft.day, draft.slot);
  const title = effectiveTitle(draft, elder);
  return {
    category: draft.category,
    ...(title.trim() ? { title } : {}),
    ...(draft.description.trim() ? { description: draft.description } : {}),
    ...(draft.photos?.length ? { photos: draft.photos } : {}),
    ...(draft.voice ? { voice: { url: draft.voice.src, seconds: draft.voice.seconds } } : {}),
    location: draft.location,
    ...(draft.address.trim() ? { address: draft.address.trim() } : {}),
    ...(draft.contactPhone.trim() ? { contactPhone: draft.contactPhone.trim() } : {}),
    ...(preferredTime ? { preferredTime } : {}),
    helpersNeeded: draft.helpersNeeded,
    anonymous: draft.anonymous,
    ...(draft.payByHours ? { paidHours: draft.paidHours } : {}),
    ...(draft.forFamilyId ? { forFamilyId: draft.forFamilyId } : {}),
  };
}

/**
 * What a draft holding local files is checked as before they are uploaded: the shared schema takes only stored
 * references, so a local file stands in as one of the right kind (the upload then gives the real one).
 */
const STAND_IN = '0'.repeat(64);
export const standInPhoto = (p: string) => (isPhotoRef(p) ? p : `/files/${STAND_IN}.jpg`);
export const standInVoice = (p: string) => (isAudioRef(p) ? p : `/files/${STAND_IN}.mp3`);

const FieldNames: Record<string, string> = {
  category: '请选择心愿类别',
  location: '请选择服务地点',
};

/** Errors per form field, worded for a person ("请选择心愿类别" rather than "必填"). Once the checks are loaded (lazyChecks). */
export function validateDraft(draft: WishDraft, elder = false): Record<string, string> {
  const { CreateWishInput, fieldErrorsOf } = loadedChecks();
  const payload = payloadOf(draft, elder);
  // Files not sent yet are checked as the stored references they will become.
  const voice = payload.voice as { url: string; seconds: number } | undefined;
  const result = CreateWishInput.safeParse({
    ...payload,
    ...(payload.photos ? { photos: (payload.photos as string[]).map(standInPhoto) } : {}),
    ...(voice ? { voice: { ...voice, url: standInVoice(voice.url) } } : {}),
  });
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const f of fieldErrorsOf(result.error)) {
    const top = f.path.split('.')[0] || 'form';
    const key = top === 'preferredTime' ? 'day' : top;
    if (errors[key]) continue;
    errors[key] = FieldNames[key] && /必填|类型不正确|取值/.test(f.message) ? FieldNames[key] : f.message;
  }
  return errors;
}
