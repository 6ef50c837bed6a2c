import * as z from 'zod';

/**
 * Building blocks every schema uses. Ids and keys are shaped so that no client value
 * can become a Mongo operator or a dotted path (a query built from input can then never be steered).
 */

/** A 24-hex ObjectId string or an app id (letters, digits, '_' and '-'); never '$' or '.'. */
export const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'ID 格式不正确');
export type Id = z.infer<typeof Id>;

/** Makes a write idempotent: the same requestId from the same caller runs the write once and replays its reply. */
export const RequestId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'requestId 格式不正确');

/** Free text: trimmed, non-empty, at most `max` characters. */
export function text(max: number) {
  return z.string().trim().min(1, '不能为空').max(max, `不能超过${max}个字`);
}

export const Limits = {
  title: 40,
  description: 500,
  note: 300,
  comment: 200,
  reason: 200,
  name: 20,
  address: 100,
  photos: 9,
} as const;

export const Title = text(Limits.title);
export const Description = text(Limits.description);
export const Note = text(Limits.note);
export const Comment = text(Limits.comment);
export const Reason = text(Limits.reason);
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

/** A stored file (cloud fileID or a server upload URL). */
export const FileRef = z.string().trim().min(1).max(256).refine((s) => !s.startsWith('$'), '文件地址不正确');
export const Photos = z.array(FileRef).max(Limits.photos, `最多 ${Limits.photos} 张照片`);

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
