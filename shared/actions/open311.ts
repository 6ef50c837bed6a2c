import * as z from 'zod';
import { Category } from '../enums/categories';
import { OPEN311_MAX_REQUESTS, Open311Statuses } from '../open311/mapping';
import { Description, Id, IsoDateTime, Limits, PersonName, Phone, text } from '../schemas/primitives';

/**
 * Open311 GeoReport v2 (docs/open311.md). The inputs carry the spec's own parameter names, as the HTTP edge
 * (server/open311.ts) receives them in a query string or a form: numbers and lists arrive as text.
 */

/** The community a request belongs to: GeoReport's `jurisdiction_id`, required since one endpoint serves them all. */
const jurisdiction = { jurisdiction_id: Id };

/** A comma-separated list (GeoReport: "can be declared multiple times, comma delimited"), each item by `item`. */
function commaList<T extends z.ZodType<unknown, string>>(item: T, max: number) {
  return text(max * 70)
    .transform((s) => s.split(',').map((v) => v.trim()).filter((v) => v !== ''))
    .pipe(z.array(item).min(1, '不能为空').max(max, `最多 ${max} 项`));
}

/** A whole number, as a number or as the digits of a query string. */
function count(min: number, max: number) {
  return z
    .union([z.number(), z.string().regex(/^\d{1,7}$/, '应为正整数').transform(Number)])
    .pipe(z.number().int('应为整数').min(min, `不能小于 ${min}`).max(max, `不能大于 ${max}`));
}

/** A WGS-84 degree, as a number or as decimal text (a form sends text). */
function degree(limit: number) {
  return z
    .union([z.number(), z.string().trim().regex(/^-?\d{1,3}(\.\d{1,12})?$/, '应为十进制经纬度').transform(Number)])
    .pipe(z.number().min(-limit, `应在 ±${limit} 之间`).max(limit, `应在 ±${limit} 之间`));
}

export const Open311ServicesInput = z.strictObject(jurisdiction);

export const Open311RequestsInput = z.strictObject({
  ...jurisdiction,
  /** Overrides every other filter (GeoReport). */
  service_request_id: commaList(Id, OPEN311_MAX_REQUESTS).optional(),
  service_code: commaList(Category, 20).optional(),
  start_date: IsoDateTime.optional(),
  end_date: IsoDateTime.optional(),
  status: commaList(z.enum(Open311Statuses, { error: '应为 open 或 closed' }), 2).optional(),
  /** The common paging extension of GeoReport v2: pages from 1, at most 1000 requests each. */
  page: count(1, 100_000).optional(),
  page_size: count(1, OPEN311_MAX_REQUESTS).optional(),
});

export const Open311RequestInput = z.strictObject({ ...jurisdiction, service_request_id: Id });

/** An issued key: `xy311_` and 43 characters of base64url (32 random bytes). */
export const Open311ApiKey = z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, 'api_key 格式不正确');

/** What an outside client may send that we keep nowhere (docs/open311.md): accepted, so a standard client works. */
const ignored = text(2000).optional();

export const Open311CreateInput = z
  .strictObject({
    ...jurisdiction,
    /** Checked by the action, so a missing key is 401 and a wrong one 403 (not a 400 of the form). */
    api_key: Open311ApiKey.optional(),
    service_code: Id,
    lat: degree(90).optional(),
    long: degree(180).optional(),
    address_string: text(Limits.address).optional(),
    address_id: ignored,
    description: Description,
    email: z.email('邮箱格式不正确').max(100).optional(),
    first_name: PersonName.optional(),
    last_name: PersonName.optional(),
    phone: Phone.optional(),
    device_id: ignored,
    account_id: ignored,
    media_url: ignored,
  })
  .refine((r) => (r.lat === undefined) === (r.long === undefined), { message: 'lat 与 long 须同时提供', path: ['long'] })
  .refine((r) => r.lat !== undefined || r.address_string !== undefined, { message: '请提供 lat/long 或 address_string（暂不支持 address_id）', path: ['lat'] });

/** A key's name, so the secretary knows whose client it is (区政府开放数据平台). */
export const Open311KeyLabel = text(20);
export const Open311KeysInput = z.strictObject({});
export const Open311IssueKeyInput = z.strictObject({ label: Open311KeyLabel });
export const Open311RevokeKeyInput = z.strictObject({ keyId: Id });

export const Open311Actions = {
  services: Open311ServicesInput,
  requests: Open311RequestsInput,
  request: Open311RequestInput,
  create: Open311CreateInput,
  keys: Open311KeysInput,
  issueKey: Open311IssueKeyInput,
  revokeKey: Open311RevokeKeyInput,
} as const;
