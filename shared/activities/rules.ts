import type { ActivityState, AttendanceStatus } from '../vocab/activities';

/**
 * 集体活动 as data: when each step is open (by the activity's state, or by a window around its time), what an
 * attendee's step does to where they stand, the hours they earn, and the rotating check-in code. Pure: the
 * clock and the code's secret come from the caller.
 */

/** What an activity's rules read of it. */
export interface ActivityTimes {
  startAt: Date;
  endAt: Date;
  cancelledAt?: Date;
}

const MINUTE = 60_000;

/** The longest an activity may run: its hours are one service record, and a service is at most a day. */
export const MAX_ACTIVITY_HOURS = 24;

/** Why an activity may not run from `start` to `end` (not after its start, longer than a day), or null. */
export function activityTimesProblem(start: Date, end: Date): string | null {
  const span = end.getTime() - start.getTime();
  if (!(span > 0)) return '结束时间应晚于开始时间';
  if (span > MAX_ACTIVITY_HOURS * 3_600_000) return `一次活动最长 ${MAX_ACTIVITY_HOURS} 小时，跨天的请分次发布`;
  return null;
}

/** 报名中 until it starts, 进行中 until it ends, then 已结束; 已取消 once cancelled, whenever that was. */
export function activityState(a: ActivityTimes, now: Date): ActivityState {
  if (a.cancelledAt) return 'cancelled';
  if (now < a.startAt) return 'open';
  if (now < a.endAt) return 'ongoing';
  return 'ended';
}

export type ActivityStep = 'edit' | 'cancel' | 'signUp' | 'withdraw' | 'checkIn' | 'checkOut' | 'showCode' | 'correct';

/** A window around the activity's time: minutes from its start (or end); `to: null` stays open. */
interface Window {
  from: { at: 'startAt' | 'endAt'; minutes: number };
  to: { at: 'startAt' | 'endAt'; minutes: number } | null;
}

type StepRule = { states: readonly ActivityState[]; window?: never; refusal: string } | { window: Window; states?: never; early: string; late: string };

/**
 * Read a row as: *`signUp` is open while the activity is 报名中 or 进行中*; *`checkIn` is open from half an hour
 * before the start to the end*. A cancelled activity refuses every step.
 */
export const ActivitySteps: Record<ActivityStep, StepRule> = {
  edit: { states: ['open'], refusal: '活动已开始，不能再修改' },
  cancel: { states: ['open'], refusal: '活动已开始，不能取消' },
  // Walk-ins: a volunteer who turns up may still sign up while it runs, if places are left.
  signUp: { states: ['open', 'ongoing'], refusal: '活动已结束，不能报名' },
  withdraw: { states: ['open', 'ongoing'], refusal: '活动已结束，不能取消报名' },
  checkIn: { window: { from: { at: 'startAt', minutes: -30 }, to: { at: 'endAt', minutes: 0 } }, early: '活动开始前 30 分钟起才能签到', late: '活动已结束，不能签到' },
  // A helper leaving with the last of the crowd still checks out; hours stop at the end anyway.
  checkOut: { window: { from: { at: 'startAt', minutes: -30 }, to: { at: 'endAt', minutes: 120 } }, early: '活动还未开始', late: '签退已截止（活动结束后 2 小时），请联系组织者补登' },
  showCode: { window: { from: { at: 'startAt', minutes: -30 }, to: { at: 'endAt', minutes: 120 } }, early: '活动开始前 30 分钟起才能出示签到码', late: '签到签退已截止' },
  // Staff put right a forgotten check-out once the activity has begun, however long after.
  correct: { window: { from: { at: 'startAt', minutes: 0 }, to: null }, early: '活动还未开始', late: '' },
};

const edge = (a: ActivityTimes, e: { at: 'startAt' | 'endAt'; minutes: number }) => a[e.at].getTime() + e.minutes * MINUTE;

/** Why `step` is closed for this activity now, or null when it is open. */
export function stepRefusal(step: ActivityStep, a: ActivityTimes, now: Date): string | null {
  if (a.cancelledAt) return '活动已取消';
  const rule = ActivitySteps[step];
  if (rule.states) return rule.states.includes(activityState(a, now)) ? null : rule.refusal;
  const t = now.getTime();
  if (t < edge(a, rule.window.from)) return rule.early;
  if (rule.window.to && t > edge(a, rule.window.to)) return rule.late;
  return null;
}

export type AttendanceStep = 'signUp' | 'withdraw' | 'checkIn' | 'checkOut' | 'correct';

/** What each step does to where an attendee stands (`none`: never signed up), and what it says from elsewhere. */
export const AttendanceSteps: Record<AttendanceStep, { from: readonly (AttendanceStatus | 'none')[]; to: AttendanceStatus }> = {
  signUp: { from: ['none', 'withdrawn'], to: 'signed_up' },
  withdraw: { from: ['signed_up'], to: 'withdrawn' },
  checkIn: { from: ['signed_up'], to: 'checked_in' },
  checkOut: { from: ['checked_in'], to: 'checked_out' },
  // A forgotten check-out, or a helper who forgot both: staff enter the times they were there.
  correct: { from: ['signed_up', 'checked_in'], to: 'checked_out' },
};

const WHY_NOT: Record<AttendanceStatus | 'none', string> = {
  none: '您还没有报名这个活动',
  signed_up: '您已报名，还未签到',
  withdrawn: '您已取消报名',
  checked_in: '您已签到',
  checked_out: '您已签退，本次服务时长已记录',
};

/** Why an attendee standing at `status` may not take `step`, or null. */
export function attendanceRefusal(step: AttendanceStep, status: AttendanceStatus | 'none'): string | null {
  if (AttendanceSteps[step].from.includes(status)) return null;
  if (step === 'signUp') return status === 'checked_out' || status === 'checked_in' ? WHY_NOT[status] : '您已报名';
  return WHY_NOT[status];
}

/**
 * The hours an attendee earns: from check-in to check-out, both clipped to the activity's time (coming early or
 * leaving late adds nothing), to the nearest half hour, at most a day. Under a quarter of an hour earns nothing.
 */
export function attendedHours(checkIn: Date, checkOut: Date, a: Pick<ActivityTimes, 'startAt' | 'endAt'>): number {
  const clip = (t: number) => Math.min(Math.max(t, a.startAt.getTime()), a.endAt.getTime());
  const minutes = Math.max(0, clip(checkOut.getTime()) - clip(checkIn.getTime())) / MINUTE;
  return Math.min(MAX_ACTIVITY_HOURS, Math.round(minutes / 30) / 2);
}

/** The check-in code: six digits that change every minute; the one shown a moment ago is still good. */
export const CHECKIN_CODE_LENGTH = 6;
export const CHECKIN_CODE_PERIOD_MS = 60_000;
/** Codes of the last hour are "expired" (someone read an old one); older or unknown ones are "wrong". */
const EXPIRED_LOOKBACK = 60;

/** The code's minute: the number every code of that minute is derived from. */
export const codeWindowOf = (now: Date) => Math.floor(now.getTime() / CHECKIN_CODE_PERIOD_MS);

/** Until when the code shown now stays good (the next minute's end: one rotation of grace). */
export const codeGoodUntil = (now: Date) => new Date((codeWindowOf(now) + 2) * CHECKIN_CODE_PERIOD_MS);

export type CodeVerdict = 'ok' | 'expired' | 'wrong';

/** A typed code against the activity's codes (`codeAt(window)`, the server's keyed derivation): this minute's or the last is good. */
export function judgeCode(typed: string, now: Date, codeAt: (window: number) => string): CodeVerdict {
  const w = codeWindowOf(now);
  if (typed === codeAt(w) || typed === codeAt(w - 1)) return 'ok';
  for (let k = 2; k <= EXPIRED_LOOKBACK; k++) if (typed === codeAt(w - k)) return 'expired';
  return 'wrong';
}

/** What the organiser's QR code carries: the activity and its code, so a scan from any page names both. */
const PAYLOAD_PREFIX = 'XYHD';
export const checkInPayload = (activityId: string, code: string) => `${PAYLOAD_PREFIX}:${activityId}:${code}`;

/** A scan's text or a typed code: the code (and the activity, from a QR), or null when it is neither. */
export function readCheckIn(text: string): { activityId?: string; code: string } | null {
  const t = text.trim();
  const qr = new RegExp(`^${PAYLOAD_PREFIX}:([A-Za-z0-9_-]{1,64}):(\\d{${CHECKIN_CODE_LENGTH}})$`).exec(t);
  if (qr) return { activityId: qr[1], code: qr[2] };
  const digits = t.replace(/[\s-]/g, '');
  return new RegExp(`^\\d{${CHECKIN_CODE_LENGTH}}$`).test(digits) ? { code: digits } : null;
}
