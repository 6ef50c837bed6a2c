/** China keeps one zone, UTC+8, with no daylight saving: its wall clock is a fixed shift of UTC. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/**
 * The instant whose UTC fields read as China's wall clock at `at`: for formats that carry no zone
 * (an Excel date, WeChat's time fields), so a server anywhere writes the time people in China read.
 */
export function chinaWallClock(at: Date): Date {
  return new Date(at.getTime() + CHINA_OFFSET_MS);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** '2026-01-02 08:05', China time. */
export function formatChinaDateTime(at: Date): string {
  const c = chinaWallClock(at);
  return `${c.getUTCFullYear()}-${pad(c.getUTCMonth() + 1)}-${pad(c.getUTCDate())} ${pad(c.getUTCHours())}:${pad(c.getUTCMinutes())}`;
}

/** China's calendar date at `at`: '2026-12-07' (a date picker's value, a day's key). */
export function chinaDate(at: Date): string {
  const c = chinaWallClock(at);
  return `${c.getUTCFullYear()}-${pad(c.getUTCMonth() + 1)}-${pad(c.getUTCDate())}`;
}

/** The first instant of the year `at` falls in, in China: 1 January 00:00 +08:00. */
export function chinaYearStart(at: Date): Date {
  return new Date(`${chinaWallClock(at).getUTCFullYear()}-01-01T00:00:00+08:00`);
}

/** A calendar month as people in China name it: '2026-11'. */
// Years 2000–2099: a report for year 57 is no report, and its dates are outside what the counters can hold (fuzz: a 500).
export const MONTH_PATTERN = /^20\d{2}-(0[1-9]|1[0-2])$/;

/** The month's window in China time, as ISO instants: from its first midnight to the next month's. */
export function chinaMonthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${pad(m + 1)}`;
  return { from: `${month}-01T00:00:00+08:00`, to: `${next}-01T00:00:00+08:00` };
}

/** The month `at` falls in (China time) and the `n - 1` before it, newest first: ['2026-12', '2026-11', …]. */
export function recentChinaMonths(at: Date, n: number): string[] {
  const c = chinaWallClock(at);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const d = new Date(Date.UTC(c.getUTCFullYear(), c.getUTCMonth() - i, 1));
    out.push(`${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`);
  }
  return out;
}
