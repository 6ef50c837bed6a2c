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
