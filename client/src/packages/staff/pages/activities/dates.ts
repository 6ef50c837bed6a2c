/** The staff forms take a day and wall-clock times as people write them, in China time (the community's). */
export const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const CLOCK = /^([01]?\d|2[0-3]):[0-5]\d$/;

/** '2026-12-12' + '8:30' → '2026-12-12T08:30:00+08:00'; undefined when either is not readable. */
export function chinaInstant(day: string, clock: string): string | undefined {
  if (!DAY.test(day.trim()) || !CLOCK.test(clock.trim())) return undefined;
  const [h, m] = clock.trim().split(':');
  return `${day.trim()}T${h.padStart(2, '0')}:${m}:00+08:00`;
}

/** The China day of an instant, 'YYYY-MM-DD'. */
export function chinaDayOf(at: string | Date): string {
  return new Date(new Date(at).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The China wall-clock time of an instant, 'HH:MM'. */
export function chinaClockOf(at: string | Date): string {
  return new Date(new Date(at).getTime() + 8 * 3_600_000).toISOString().slice(11, 16);
}
