import { chinaWallClock } from '@shared/time';

/*
 * Every time the app shows is China's wall clock (Asia/Shanghai, UTC+8 all year), whatever zone the
 * phone or browser is set to: a volunteer reading "今天 14:00" abroad or on a misconfigured phone
 * must read what the resident meant. The fields below are read in UTC off the shifted instant.
 */

const pad = (n: number) => String(n).padStart(2, '0');
const DAY = 86_400_000;

/** China's wall clock at `at`, as fields. */
function fields(at: Date) {
  const c = chinaWallClock(at);
  return { y: c.getUTCFullYear(), m: c.getUTCMonth() + 1, d: c.getUTCDate(), hm: `${pad(c.getUTCHours())}:${pad(c.getUTCMinutes())}`, day: Math.floor(c.getTime() / DAY) };
}

/** Days from `now`'s China date to `at`'s: 0 today, 1 tomorrow, -1 yesterday. */
function dayDiff(at: Date, now: number): number {
  return fields(at).day - fields(new Date(now)).day;
}

/** The day of `at` in words: 今天 / 昨天 / 明天 / 3月2日 / 2025年12月1日. */
function dayWords(at: Date, now: number): string {
  const f = fields(at);
  const diff = dayDiff(at, now);
  if (diff === 0) return '今天';
  if (diff === -1) return '昨天';
  if (diff === 1) return '明天';
  if (diff === 2) return '后天';
  return f.y === fields(new Date(now)).y ? `${f.m}月${f.d}日` : `${f.y}年${f.m}月${f.d}日`;
}

/** Times as a resident reads them, China time: 今天 14:05 / 昨天 09:30 / 明天 08:00 / 3月2日 10:00 / 2025年12月1日. */
export function formatTime(at: string | number | Date, now: number = Date.now()): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return '';
  const f = fields(d);
  const diff = dayDiff(d, now);
  if (diff === 0) return `今天 ${f.hm}`;
  if (diff === -1) return `昨天 ${f.hm}`;
  if (diff === 1) return `明天 ${f.hm}`;
  if (f.y === fields(new Date(now)).y) return `${f.m}月${f.d}日 ${f.hm}`;
  return `${f.y}年${f.m}月${f.d}日`;
}

/** '11月25日 11:00', China time, for lists where 今天/昨天 would be ambiguous (staff ledgers). */
export function formatDateTime(at: string | number | Date): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return '';
  const f = fields(d);
  return `${f.m}月${f.d}日 ${f.hm}`;
}

/**
 * A wish's 期望时间 window, China time: 明天 14:00–18:00, 12月9日 08:00–21:00, or both ends dated
 * when it spans days. Past and future alike read as days, so a helper sees at once whether it is soon.
 */
export function formatWindow(window: { from: string | Date; to: string | Date }, now: number = Date.now()): string {
  const from = new Date(window.from);
  const to = new Date(window.to);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return '';
  const sameDay = fields(from).day === fields(to).day;
  if (sameDay) return `${dayWords(from, now)} ${fields(from).hm}–${fields(to).hm}`;
  return `${dayWords(from, now)} ${fields(from).hm} 至 ${dayWords(to, now)} ${fields(to).hm}`;
}

/** 1h 5m left → "1小时5分"; under a minute → "不到1分钟". */
export function formatDuration(ms: number): string {
  if (ms < 60000) return '不到1分钟';
  const minutes = Math.floor(ms / 60000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m}分钟`;
  return m === 0 ? `${h}小时` : `${h}小时${m}分`;
}

export function formatDistance(m: number | undefined): string {
  if (m === undefined || !Number.isFinite(m)) return '';
  return m < 1000 ? `${Math.round(m)}米` : `${(m / 1000).toFixed(1)}公里`;
}
