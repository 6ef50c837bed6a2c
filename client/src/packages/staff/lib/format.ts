import { CategoryLabels, ChannelLabels, PriorityLabels, WishStateLabels, isCategory } from '@shared/vocab';
import type { Channel, Priority, WishState } from '@shared/vocab';

type Instant = string | number | Date | undefined | null;

function millis(t: Instant): number {
  if (t === undefined || t === null) return NaN;
  return t instanceof Date ? t.getTime() : typeof t === 'number' ? t : Date.parse(t);
}

/** "刚刚 / 25分钟前 / 3小时前 / 2天前": how long a wish has waited, as staff read it. */
export function ageText(since: Instant, now: number = Date.now()): string {
  const ms = now - millis(since);
  if (!Number.isFinite(ms)) return '';
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return '刚刚';
  if (minutes < 60) return `${minutes}分钟前`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}小时前`;
  return `${Math.floor(hours / 24)}天前`;
}

/** Hours elapsed, for "超时 30 小时" on escalations. */
export function hoursSince(since: Instant, now: number = Date.now()): number {
  const ms = now - millis(since);
  return Number.isFinite(ms) ? Math.max(0, Math.floor(ms / 3_600_000)) : 0;
}

export function categoryLabel(category: string | undefined): string {
  return category && isCategory(category) ? CategoryLabels[category] : '其他';
}

export function channelLabel(channel: string | undefined): string {
  return (channel && ChannelLabels[channel as Channel]) || '小程序';
}

export function priorityLabel(priority: string | undefined): string {
  return (priority && PriorityLabels[priority as Priority]) || PriorityLabels.normal;
}

export function stateLabel(status: string | undefined): string {
  return (status && WishStateLabels[status as WishState]) || '';
}

/**
 * `abs` with `decimals` places, rounded half up on its shortest decimal form (4.85 → 4.9), as Intl rounds; toFixed
 * rounds the binary value instead (4.85 → 4.8).
 */
function fixedHalfUp(abs: number, decimals: number): string {
  const s = String(abs);
  if (s.includes('e')) return abs.toFixed(decimals); // below 1e-6 or from 1e21: never a count, an hour or a rating
  const [whole, fraction = ''] = s.split('.');
  if (fraction.length <= decimals) return decimals ? `${whole}.${fraction.padEnd(decimals, '0')}` : whole;
  const kept = `${whole}${fraction.slice(0, decimals)}`.split('').map(Number);
  if (Number(fraction[decimals]) >= 5) {
    let i = kept.length - 1;
    while (i >= 0 && kept[i] === 9) kept[i--] = 0;
    if (i >= 0) kept[i]++;
    else kept.unshift(1);
  }
  const digits = kept.join('');
  return decimals ? `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}` : digits;
}

/**
 * 1234 → "1,234"; averages keep one decimal. The text zh-CN's toLocaleString gives, made by hand: toLocaleString
 * with options builds an Intl.NumberFormat on every call, loading the locale's data first (the largest cost of the
 * dashboard's own first draw), and some mini-program engines have no Intl at all.
 */
export function formatNumber(n: number | undefined | null, decimals = 0): string {
  if (n === undefined || n === null || !Number.isFinite(n)) return '—';
  const [whole, fraction] = fixedHalfUp(Math.abs(n), decimals).split('.');
  const sign = n < 0 || Object.is(n, -0) ? '-' : '';
  return `${sign}${whole.replace(/\B(?=(\d{3})+$)/g, ',')}${fraction ? `.${fraction}` : ''}`;
}

/**
 * Ascending by UTF-16 code units, for keys made to sort that way ('YYYY-MM', ISO instants). Not localeCompare: its
 * first call in a page builds an ICU collator (about 25 ms of main thread on a fast desktop, some 100 ms on the phone
 * Lighthouse models), and an ordering of digits and dashes needs no language.
 */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** "2026-03" → "3月"; a January also shows its year so a trend across years reads right. */
export function monthLabel(key: string): string {
  const m = /^(\d{4})-(\d{1,2})/.exec(key);
  if (!m) return key;
  const month = Number(m[2]);
  return month === 1 ? `${m[1].slice(2)}年1月` : `${month}月`;
}

/** '11月25日 11:00', China time (the one formatter, components/time.ts). */
export { formatDateTime as shortTime } from '../../../components/time';
