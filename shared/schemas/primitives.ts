import * as z from 'zod';
import { Limits } from '../vocab/limits';
import { isAudioRef, isPhotoRef } from '../vocab/photoRefs';

/**
 * Building blocks every schema uses. Ids and keys are shaped so that no client value
 * can become a Mongo operator or a dotted path (a query built from input can then never be steered).
 */

/** A 24-hex ObjectId string or an app id (letters, digits, '_' and '-'); never '$' or '.'. */
export const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'ID 格式不正确');
export type Id = z.infer<typeof Id>;

/** Makes a write idempotent: the same requestId from the same caller runs the write once and replays its reply. */
export const RequestId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'requestId 格式不正确');

/** C0 and C1 controls and DEL; a multi-line field keeps its line breaks and tabs. Finding them is the point. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F]/;
/** Bidi embeddings, overrides, isolates and marks: U+202E turns "付款 100" around on the wall. */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
/**
 * No half of a UTF-16 pair on its own: no character at all, and databases and JSON encoders disagree
 * on it. A loop, not a lookbehind regex: older WeChat JS engines can't parse those.
 */
function wellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    const next = s.charCodeAt(i + 1);
    if (c > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return false;
    i++;
  }
  return true;
}

/**
 * Text stored before these rules (issue 11, L7), made what `text()` would have accepted: lone
 * surrogates become U+FFFD, bidi controls and control characters other than line breaks and tabs
 * go, NFC. Which fields were single-line is not known here, so line breaks stay.
 */
export function cleanStoredText(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) {
      out += s[i] + s[i + 1];
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) out += '\uFFFD';
    else if (!CONTROL.test(s[i]) && !BIDI.test(s[i])) out += s[i];
  }
  return out.normalize('NFC');
}

/**
 * Free text, every field a person types: NFC-normalised and trimmed, non-empty, at most `max`
 * characters; no control characters (line breaks and tabs only where `multiline`), no bidi
 * controls, no lone surrogates. Stays a ZodString so callers may refine it further.
 */
export function text(max: number, opts: { multiline?: boolean } = {}) {
  const control = opts.multiline ? CONTROL : CONTROL_SINGLE_LINE;
  return z
    .string()
    .refine(wellFormed, '含有无法识别的字符')
    .overwrite((s) => (opts.multiline ? s.replace(/\r\n?/g, '\n') : s))
    .normalize('NFC')
    .trim()
    .min(1, '不能为空')
    .max(max, `不能超过${max}个字`)
    .refine((s) => !control.test(s), opts.multiline ? '不能包含换行和制表符以外的控制字符' : '不能包含换行等控制字符')
    .refine((s) => !BIDI.test(s), '不能包含文字方向控制符');
}

export { Limits } from '../vocab/limits';

export const Title = text(Limits.title);
export const Description = text(Limits.description, { multiline: true });
export const Note = text(Limits.note, { multiline: true });
export const Comment = text(Limits.comment, { multiline: true });
export const Reason = text(Limits.reason, { multiline: true });
export const PersonName = text(Limits.name);
export const Address = text(Limits.address);
/** Search words go into a regex on the server (escaped there); a leading '$' is never a name. */
export const SearchText = text(20).refine((s) => !s.startsWith('$'), '不能以 $ 开头');

/** Mainland mobile (13812345678) or landline with area code (0719-1234567, 01012345678). */
export const Phone = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/, '请填写手机号或带区号的固定电话');

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Keys of free-form maps: nothing Mongo could read as an operator or a path, nothing JS treats specially. */
export const SafeKey = z
  .string()
  .min(1)
  .max(64)
  .refine((k) => !k.startsWith('$') && !k.includes('.'), '字段名不能以 $ 开头或包含 .')
  .refine((k) => !PROTOTYPE_KEYS.has(k), '字段名不允许');

/** A small map of short strings (notification payloads, template values). */
export const StringMap = z.record(SafeKey, z.string().max(200));

/** ISO 8601 with an offset or Z, as it travels in JSON. */
export const IsoDateTime = z.iso.datetime({ offset: true, error: '请使用 ISO 8601 时间格式' });

/** Stored times: Date from the database, ISO strings on the wire. */
export const Instant = z.union([z.date(), IsoDateTime]);
export type Instant = z.infer<typeof Instant>;

export function toMillis(t: Instant): number {
  return t instanceof Date ? t.getTime() : Date.parse(t);
}

export { UPLOADED_AUDIO_NAME, UPLOADED_PHOTO_NAME, isAudioRef, isPhotoRef } from '../vocab/photoRefs';

export const PhotoRef = z.string().refine(isPhotoRef, '照片地址不正确：只能是本系统上传的照片');
export const Photos = z.array(PhotoRef).max(Limits.photos, `最多 ${Limits.photos} 张照片`);
/** The photos a wish is posted with (not the helper's report). */
export const WishPhotos = z.array(PhotoRef).max(Limits.wishPhotos, `最多 ${Limits.wishPhotos} 张照片`);

export const AudioRef = z.string().refine(isAudioRef, '语音地址不正确：只能是本系统上传的语音');
/** 语音: a recording and how long it runs, whole seconds as the recorder counted them (at least 1, at most a minute). */
export const VoiceNote = z.strictObject({
  url: AudioRef,
  seconds: z
    .number({ error: '请填写语音时长' })
    .int('语音时长按整秒计')
    .min(1, '语音太短，请按住说话')
    .max(Limits.voiceSeconds, `语音最长 ${Limits.voiceSeconds} 秒`),
});
export type VoiceNote = z.infer<typeof VoiceNote>;

export const Longitude = z.number().min(-180, '经度应在 -180 到 180 之间').max(180, '经度应在 -180 到 180 之间');
export const Latitude = z.number().min(-90, '纬度应在 -90 到 90 之间').max(90, '纬度应在 -90 到 90 之间');

/** GeoJSON Point in gcj02, `[lng, lat]` (the order Mongo's 2dsphere index expects). */
export const GeoPoint = z.strictObject({
  type: z.literal('Point'),
  coordinates: z.tuple([Longitude, Latitude]),
});
export type GeoPoint = z.infer<typeof GeoPoint>;

/** from < to; an unreadable side is left to its own format error. */
export function startsBefore(from?: string, to?: string): boolean {
  if (from === undefined || to === undefined) return true;
  const a = Date.parse(from);
  const b = Date.parse(to);
  return Number.isNaN(a) || Number.isNaN(b) || a < b;
}

/** A window with from < to (a resident's preferred time). */
export const TimeWindow = z
  .strictObject({ from: IsoDateTime, to: IsoDateTime })
  .refine((w) => startsBefore(w.from, w.to), { message: '开始时间应早于结束时间', path: ['to'] });
export type TimeWindow = z.infer<typeof TimeWindow>;

/** Optional bounds for queries over time; either side may be open. */
export const DateRange = z
  .strictObject({ from: IsoDateTime.optional(), to: IsoDateTime.optional() })
  .refine((r) => startsBefore(r.from, r.to), {
    message: '开始时间应早于结束时间',
    path: ['to'],
  });

/** Cursor pagination for every list action. */
export const PageInput = {
  cursor: z.string().max(128).regex(/^[A-Za-z0-9_\-=:]*$/, '分页游标不正确').optional(),
  limit: z.number().int().min(1).max(50).optional(),
};
