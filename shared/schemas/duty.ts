import * as z from 'zod';
import { chinaWallClock } from '../time';

/** 'HH:mm', China time. */
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 08:30');

/** Days of the week as China counts them: 1 is Monday, 7 is Sunday. */
export const Weekday = z.number().int().min(1).max(7);
export const WeekdayLabels = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

/** One stretch of duty: these weekdays, from..to (to after from; overnight duty is two slots). */
export const DutySlot = z
  .strictObject({
    days: z.array(Weekday).min(1, '请至少选一天').max(7).refine((d) => new Set(d).size === d.length, '日期重复'),
    from: ClockTime,
    to: ClockTime,
  })
  .refine((s) => s.from < s.to, { message: '结束时间应晚于开始时间', path: ['to'] });
export type DutySlot = z.infer<typeof DutySlot>;

/**
 * When a volunteer or party member can be called on, and whether they want urgent wishes
 * announced to them at once. No slots means no set hours: they are reachable any time.
 */
export const DutyRoster = z.strictObject({
  slots: z.array(DutySlot).max(14),
  urgentAlerts: z.boolean(),
});
export type DutyRoster = z.infer<typeof DutyRoster>;

/** How far from home an urgent wish is announced to opted-in helpers on duty. */
export const URGENT_ALERT_RADIUS_M = 3000;

/** Whether someone with this roster is on duty at `at` (China's wall clock). */
export function onDutyAt(roster: Pick<DutyRoster, 'slots'> | undefined, at: Date): boolean {
  if (!roster || roster.slots.length === 0) return true;
  const c = chinaWallClock(at);
  const weekday = c.getUTCDay() === 0 ? 7 : c.getUTCDay();
  const hhmm = `${String(c.getUTCHours()).padStart(2, '0')}:${String(c.getUTCMinutes()).padStart(2, '0')}`;
  return roster.slots.some((s) => s.days.includes(weekday) && s.from <= hhmm && hhmm < s.to);
}

/**
 * Whether staff may count someone as on duty now: by a roster they set. Someone who never said when they
 * serve is not claimed to be on duty; "any time" must be said (urgent alerts on, no hours).
 */
export function declaredOnDuty(roster: DutyRoster | undefined, at: Date): boolean {
  return roster !== undefined && (roster.slots.length > 0 || roster.urgentAlerts) && onDutyAt(roster, at);
}

/** '周一至周五 18:00–21:00', '每天 07:00–22:00', '周一、周三 09:00–12:00' for a slot: runs of three or more days read as a range. */
export function dutySlotText(slot: DutySlot): string {
  const days = [...slot.days].sort((a, b) => a - b);
  if (days.length === 7) return `每天 ${slot.from}–${slot.to}`;
  const runs: number[][] = [];
  for (const d of days) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === d - 1) run.push(d);
    else runs.push([d]);
  }
  const text = runs
    .map((r) => (r.length >= 3 ? `${WeekdayLabels[r[0]!]}至${WeekdayLabels[r[r.length - 1]!]}` : r.map((d) => WeekdayLabels[d]).join('、')))
    .join('、');
  return `${text} ${slot.from}–${slot.to}`;
}
