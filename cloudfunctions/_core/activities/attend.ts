import { ActivityServiceCategory, AppError, AttendanceSteps, attendanceRefusal, attendedHours, ledgerIds, type AttendanceStep, type CodeVerdict } from '@shared';
import { onServiceConfirmed } from '../recognition/serviceConfirmed';
import { countServices } from '../stats/counters';
import type { Caller } from '../access/caller';
import { activityFor, assertStepOpen } from './access';
import { verdictOf } from './code';
import type { Repositories } from '../store/repositories';
import type { Runtime } from '../runtime/types';
import type { ActivityDoc, AttendanceDoc } from '../store/activities';
import type { UserDoc } from '../store/types';

/** A refused code says which way it was wrong: the client asks for the current code, or for it typed again. */
export function refuseCode(verdict: Exclude<CodeVerdict, 'ok'>): never {
  if (verdict === 'expired') throw new AppError('CODE_EXPIRED', '签到码已过期，请扫描组织者当前出示的签到码', { fields: [{ path: 'code', message: '签到码已过期' }] });
  throw new AppError('CODE_WRONG', '签到码不正确，请核对后重新输入', { fields: [{ path: 'code', message: '签到码不正确' }] });
}

/** The activity a helper names with the organiser's code, for `step`: open now, and the code good (this minute's or the last). */
export async function activityByCode(rt: Runtime, caller: Caller, activityId: string, code: string, step: 'checkIn' | 'checkOut'): Promise<ActivityDoc> {
  const a = await activityFor(rt.repos, caller, activityId);
  assertStepOpen(step, a, rt.now());
  const verdict = verdictOf(a, code, rt.now());
  if (verdict !== 'ok') refuseCode(verdict);
  return a;
}

/** The attendee's step refused as where they stand says (read again after a lost race). */
export async function refuseStep(repos: Pick<Repositories, 'activities'>, step: AttendanceStep, activityId: string, userId: string, fallback?: AttendanceDoc | null): Promise<never> {
  const now = fallback === undefined ? await repos.activities.attendee(activityId, userId) : fallback;
  const why = attendanceRefusal(step, now?.status ?? 'none') ?? '状态已变化，请刷新后再试';
  throw new AppError('CONFLICT', why, { status: now?.status ?? 'none' });
}

/**
 * An attendee leaves (their own check-out, or staff's entry of a forgotten one): the hours from check-in to
 * check-out within the activity's time, then — when there are any — their service record (so statistics, the
 * hours page and 志愿服务证明 count it, from the check-out), credited through the one hook confirmed wishes use
 * (`onServiceConfirmed`: points by the community's rule, hours into the 时间银行). Keyed by activity and person throughout, so running it again credits nothing more. Runs inside the
 * caller's transaction (`rt.repos` a transaction's): the move, the record and the credit stand or fall together.
 */
export async function finishAttendance(
  rt: Runtime,
  a: ActivityDoc,
  who: Pick<UserDoc, '_id' | 'memberships'>,
  step: Extract<AttendanceStep, 'checkOut' | 'correct'>,
  times: { checkedInAt: Date; checkedOutAt: Date },
  correctedBy?: string,
): Promise<{ attendee: AttendanceDoc; hours: number; points: number }> {
  const hours = attendedHours(times.checkedInAt, times.checkedOutAt, a);
  const moved = await rt.repos.activities.move(a._id, who._id, AttendanceSteps[step].from, {
    status: AttendanceSteps[step].to, ...times, hours, ...(correctedBy ? { correctedBy } : {}),
  });
  if (!moved) return refuseStep(rt.repos, step, a._id, who._id);
  if (hours === 0) return { attendee: moved, hours, points: 0 };
  const m = who.memberships.find((x) => x.communityId === a.communityId);
  const service = await rt.repos.services.recordAttendance({
    communityId: a.communityId, activityId: a._id, userId: who._id,
    ...(m?.unitId ? { unitId: m.unitId } : {}), ...(m?.partyBranchId ? { partyBranchId: m.partyBranchId } : {}),
    category: ActivityServiceCategory[a.category], hours, at: times.checkedOutAt, confirmedAt: times.checkedOutAt,
  });
  // Counted in the statistics as a confirmed service is: the move above runs once per attendee, so this does too.
  await countServices(rt.repos, [service], 1);
  await onServiceConfirmed(
    rt,
    [{ id: service._id, communityId: a.communityId, userId: who._id, hours: service.hours, category: service.category, activityId: a._id, title: a.title }],
    rt.now(),
  );
  // What this service earned: its one earning entry (the same one, had it been credited before).
  const points = (await rt.repos.ledger.find(ledgerIds.earn(service._id)))?.amount ?? 0;
  return { attendee: moved, hours, points };
}
