import type { ActionInput } from '@shared/actions';
import type { Category, Channel, Priority } from '@shared/vocab';
import type { GeoPoint } from '@shared/schemas';
import { lazyModule } from '../../../services/lazyModule';
import { bundledChecks, importChecks } from './importProxyChecks';
import { preferredTimeOf as windowOf, standInPhoto, standInVoice, type DayPart } from '../../../features/post/model';
import type { VoiceValue } from '../../../features/post/VoiceRecorder';

/** zod and the dispatch schemas: with the page in the mini-program, fetched on first use on h5 (proxyChecks.ts). */
export const proxyChecks = lazyModule(bundledChecks, importChecks, 'the proxy form’s checks');

/** What the proxy form holds while a person types; strings until submit. */
export interface ProxyDraft {
  channel: Channel;
  residentName: string;
  residentPhone: string;
  category: Category | null;
  title: string;
  description: string;
  address: string;
  buildingId: string | null;
  location: GeoPoint | null;
  /** Where the point came from, so the form can say "社区位置（大致）" honestly. */
  locationSource: 'map' | 'building' | 'community' | null;
  helpersNeeded: number;
  /** 'YYYY-MM-DD' and a part of that day; both or neither. */
  preferredDate: string;
  preferredPeriod: Period | null;
  priority: Priority;
  approveNow: boolean;
  /** Photos staff took on the visit or were sent in the group (local files until sent). */
  photos: string[];
  /** 语音: the resident saying what they need, recorded on the visit (local until sent); it may stand in for the words. */
  voice?: VoiceValue;
}

export function emptyDraft(channel: Channel = 'phone'): ProxyDraft {
  return {
    channel,
    residentName: '',
    residentPhone: '',
    category: null,
    title: '',
    description: '',
    address: '',
    buildingId: null,
    location: null,
    locationSource: null,
    helpersNeeded: 1,
    preferredDate: '',
    preferredPeriod: null,
    priority: 'normal',
    approveNow: false,
    photos: [],
  };
}

/** The resident's parts of a day (the same hours as their own form), named short for the chips. */
export type Period = DayPart;
export const Periods: Record<Period, string> = { morning: '上午', afternoon: '下午', evening: '晚上' };

/** Both a day and a part of it, or no time at all. */
function preferredTimeOf(d: ProxyDraft): { from: string; to: string } | undefined {
  return d.preferredDate && d.preferredPeriod ? windowOf(d.preferredDate, d.preferredPeriod) : undefined;
}

const blankToUndefined = (s: string) => (s.trim() === '' ? undefined : s.trim());

/** The dispatch.proxyCreate payload; the resident's phone is also the wish's contact phone. */
export function toPayload(d: ProxyDraft): ActionInput<'dispatch', 'proxyCreate'> {
  const phone = blankToUndefined(d.residentPhone);
  const payload: Record<string, unknown> = {
    channel: d.channel,
    beneficiary: { name: d.residentName.trim(), ...(phone ? { phone } : {}) },
    category: d.category ?? undefined,
    location: d.location ?? undefined,
    helpersNeeded: d.helpersNeeded,
    priority: d.priority,
    approveNow: d.approveNow,
  };
  if (phone) payload.contactPhone = phone;
  // Left out when empty: beside a voice note the server fills in the title and the description waits, without one
  // the schema asks for them (the words rule, shared/schemas/wish `missingWords`).
  const title = blankToUndefined(d.title);
  if (title) payload.title = title;
  const description = blankToUndefined(d.description);
  if (description) payload.description = description;
  if (d.photos?.length) payload.photos = d.photos;
  if (d.voice) payload.voice = { url: d.voice.src, seconds: d.voice.seconds };
  const address = blankToUndefined(d.address);
  if (address) payload.address = address;
  if (d.buildingId) payload.buildingId = d.buildingId;
  const preferredTime = preferredTimeOf(d);
  if (preferredTime) payload.preferredTime = preferredTime;
  return payload as ActionInput<'dispatch', 'proxyCreate'>;
}

/** Payload paths → the form field that shows the message. */
const FIELD_OF: Record<string, keyof ProxyDraft> = {
  'beneficiary.name': 'residentName',
  'beneficiary.phone': 'residentPhone',
  contactPhone: 'residentPhone',
  category: 'category',
  title: 'title',
  description: 'description',
  location: 'location',
  address: 'address',
  buildingId: 'location',
  helpersNeeded: 'helpersNeeded',
  preferredTime: 'preferredDate',
  channel: 'channel',
  priority: 'priority',
  photos: 'photos',
  voice: 'voice',
};

/** Friendlier words for a missing required field than the schema's generic ones. */
const MISSING: Partial<Record<keyof ProxyDraft, string>> = {
  category: '请选择心愿类别',
  location: '请选择服务地点或楼栋',
  residentName: '请填写居民姓名',
  title: '请填写心愿标题',
  description: '请描述需要什么帮助',
};

export type DraftErrors = Partial<Record<keyof ProxyDraft, string>>;

/** Map field errors (from the shared schema or the server's VALIDATION_FAILED) onto the form. */
export function draftErrorsFrom(fields: { path: string; message: string }[]): DraftErrors {
  const out: DraftErrors = {};
  for (const f of fields) {
    const key = FIELD_OF[f.path] ?? FIELD_OF[f.path.split('.')[0] ?? ''];
    if (!key || out[key]) continue;
    const missing = f.message === '必填' || f.message === '不能为空';
    out[key] = (missing && MISSING[key]) || f.message;
  }
  return out;
}

/** The same schema the server parses with: a form that passes here passes there. Needs proxyChecks loaded. */
export function validateDraft(d: ProxyDraft): DraftErrors {
  const { ProxyCreateInput, fieldErrorsOf } = proxyChecks.get();
  const payload = toPayload(d);
  // Photos and a recording not sent yet are checked as the stored references they will become.
  const result = ProxyCreateInput.safeParse({
    ...payload,
    ...(payload.photos ? { photos: payload.photos.map(standInPhoto) } : {}),
    ...(payload.voice ? { voice: { ...payload.voice, url: standInVoice(payload.voice.url) } } : {}),
  });
  const errors = result.success ? {} : draftErrorsFrom(fieldErrorsOf(result.error));
  // An untouched field reads better as "please choose" than as a schema complaint.
  if (errors.category && d.category === null) errors.category = MISSING.category;
  if (errors.location && d.location === null) errors.location = MISSING.location;
  if (d.preferredDate && !d.preferredPeriod) errors.preferredDate = '请选择上午、下午或晚上';
  return errors;
}
