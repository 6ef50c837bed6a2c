import { formatTime } from '../../components/time';

/** '3月7日 08:30–11:30' (the end's date only when it is another day). */
export function formatSpan(startAt: string, endAt: string): string {
  const s = new Date(startAt);
  const e = new Date(endAt);
  const sameDay = s.toDateString() === e.toDateString();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${formatTime(s)}–${sameDay ? `${pad(e.getHours())}:${pad(e.getMinutes())}` : formatTime(e)}`;
}

/** An activity as it arrived over the wire, as the shared rules read it (`stepRefusal`: which buttons to offer). */
export function timesOf(a: { startAt: string; endAt: string; cancelledAt?: string }): { startAt: Date; endAt: Date; cancelledAt?: Date } {
  return { startAt: new Date(a.startAt), endAt: new Date(a.endAt), ...(a.cancelledAt ? { cancelledAt: new Date(a.cancelledAt) } : {}) };
}
