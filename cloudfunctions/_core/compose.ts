import { NotificationTemplates, type NotificationTemplateKey } from '@shared';

/**
 * WeChat subscribe-message field limits by type prefix (thing ≤ 20 chars, name ≤ 10,
 * phrase ≤ 5, character_string ≤ 32); a value over the limit makes the whole send fail.
 */
const LIMITS: Record<string, number> = { thing: 20, name: 10, phrase: 5, character_string: 32, number: 32, letter: 32, symbol: 5 };

function fit(field: string, value: string): string {
  const type = field.replace(/\d+$/, '');
  if (type === 'time' || type === 'date') return value;
  const max = LIMITS[type] ?? 20;
  const chars = [...value];
  return chars.length <= max ? value : chars.slice(0, max - 1).join('') + '…';
}

/** "2026年11月22日 11:05" in China time, as WeChat's time fields expect. */
export function wechatTime(at: Date): string {
  const t = new Date(at.getTime() + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCFullYear()}年${p(t.getUTCMonth() + 1)}月${p(t.getUTCDate())}日 ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}`;
}

/** Template values (by field name) → the `data` WeChat wants, every field present and trimmed to its limit. */
export function composeData(key: NotificationTemplateKey, values: Record<string, string>): Record<string, { value: string }> {
  const data: Record<string, { value: string }> = {};
  for (const field of Object.keys(NotificationTemplates[key].fields)) data[field] = { value: fit(field, values[field] ?? '-') };
  return data;
}

/** The inbox line: every field's label and value, in the template's order. */
export function inboxBody(key: NotificationTemplateKey, values: Record<string, string>): string {
  const fields = NotificationTemplates[key].fields;
  const body = Object.entries(fields)
    .map(([f, label]) => `${label}：${values[f] ?? '-'}`)
    .join('；');
  return [...body].slice(0, 200).join('');
}
