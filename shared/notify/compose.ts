import { AppError } from '../errors';
import { InboxSentences, NotificationTemplates, WISH_NUMBER_LABEL, WISH_NUMBER_VALUE, type NotificationTemplate, type NotificationTemplateKey } from './templates';
import { chinaWallClock } from '../time';

/**
 * WeChat subscribe-message field types and their limits. A value over the limit
 * makes WeChat reject the whole send, so we cut it ourselves.
 */
const FIELD_LIMITS: Record<string, number> = {
  thing: 20,
  phrase: 5,
  name: 10,
  character_string: 32,
  number: 32,
  letter: 32,
  symbol: 5,
  phone_number: 17,
  car_number: 8,
};

export type FieldValue = string | number | Date;

/** `thing1` → 'thing', `character_string3` → 'character_string'. */
export function fieldTypeOf(field: string): string {
  return field.replace(/\d+$/, '');
}

/** Cut to `max` characters (code points), the last one '…' when anything was cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return chars.slice(0, max - 1).join('') + '…';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** WeChat's `time` format, in China time whatever the server's zone: '2026年1月2日 08:05'. */
export function formatTime(at: Date | string | number): string {
  const t = new Date(typeof at === 'string' ? Date.parse(at) : at instanceof Date ? at.getTime() : at);
  const c = chinaWallClock(t);
  return `${c.getUTCFullYear()}年${c.getUTCMonth() + 1}月${c.getUTCDate()}日 ${pad(c.getUTCHours())}:${pad(c.getUTCMinutes())}`;
}

function fieldValue(type: string, value: FieldValue): string {
  if (type === 'time' || type === 'date') {
    const text = formatTime(value);
    return type === 'date' ? text.split(' ')[0] : text;
  }
  const text = (value instanceof Date ? formatTime(value) : String(value)).replace(/\s+/g, ' ').trim();
  // character_string takes letters, digits and symbols only: '…' would be refused, so cut plainly.
  if (type === 'character_string') return Array.from(text).slice(0, FIELD_LIMITS.character_string).join('');
  const max = FIELD_LIMITS[type];
  return max === undefined ? text : truncate(text, max);
}

/** The `data` of subscribeMessage.send: `{ thing1: { value } , … }`. */
export type MessageData = Record<string, { value: string }>;

/** What a field with no value shows: '—', or '-' where WeChat takes ASCII only (it would refuse '—' and the whole send). */
function missingValue(type: string): string {
  return type === 'character_string' || type === 'letter' || type === 'symbol' ? '-' : '—';
}

/**
 * Compose a subscribe message: every field of the template, each cut to its
 * type's limit; a missing value shows as '—' rather than failing the send.
 * The wish's number comes from the announcement's `WISH_NUMBER_VALUE`, into the
 * field the template labels `WISH_NUMBER_LABEL`.
 */
export function composeMessage(
  template: NotificationTemplateKey | NotificationTemplate,
  values: Record<string, FieldValue | undefined>,
): MessageData {
  const t = typeof template === 'string' ? NotificationTemplates[template] : template;
  if (!t) throw new AppError('INTERNAL', `unknown template ${String(template)}`);
  const data: MessageData = {};
  for (const [field, label] of Object.entries(t.fields)) {
    const v = values[field] ?? (label === WISH_NUMBER_LABEL ? values[WISH_NUMBER_VALUE] : undefined);
    const type = fieldTypeOf(field);
    data[field] = { value: v === undefined || v === '' ? missingValue(type) : fieldValue(type, v) };
  }
  return data;
}

/**
 * The same message for the in-app inbox: the template's title, and the message as a sentence
 * (templates.ts `InboxSentences`) from the values as given, not cut to WeChat's field limits.
 */
export function inboxTextOf(template: NotificationTemplateKey, values: Readonly<Record<string, FieldValue | undefined>>): { title: string; body: string } {
  const t = NotificationTemplates[template];
  const v = (field: string) => {
    const value = values[field];
    if (value === undefined || value === '—') return '';
    return (value instanceof Date ? formatTime(value) : String(value)).replace(/\s+/g, ' ').trim();
  };
  return { title: t.title, body: truncate(InboxSentences[template](v), 200) };
}
