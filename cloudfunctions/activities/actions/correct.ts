import { AppError, StaffRoles } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { assertStepOpen, staffActivity } from '../../_core/activities/access';
import { finishAttendance, refuseStep } from '../../_core/activities/attend';
import { attendeeView } from '../../_core/activities/views';

/**
 * Staff enter a forgotten check-out (and the check-in, when that was forgotten too): credited as a check-out is,
 * once. Times are the attendee's real ones, so they may not lie in the future; hours stay within the activity's time.
 */
export default defineAction({
  roles: StaffRoles,
  input: ActionSchemas.activities.correct,
  async run({ input, caller, rt }) {
    const a = await staffActivity(rt.repos, caller, input.activityId);
    const now = rt.now();
    assertStepOpen('correct', a, now);
    const checkedOutAt = new Date(input.checkedOutAt);
    if (checkedOutAt > now) throw new AppError('VALIDATION_FAILED', '签退时间不能晚于现在', { fields: [{ path: 'checkedOutAt', message: '签退时间不能晚于现在' }] });
    return rt.repos.inTransaction(async (repos) => {
      const row = await repos.activities.attendee(a._id, input.userId);
      if (!row || row.status === 'withdrawn') throw new AppError('NOT_FOUND', '此人未报名这个活动');
      if (row.status !== 'signed_up' && row.status !== 'checked_in') return refuseStep(repos, 'correct', a._id, input.userId, row);
      const checkedInAt = input.checkedInAt ? new Date(input.checkedInAt) : row.checkedInAt;
      if (!checkedInAt) throw new AppError('VALIDATION_FAILED', '此人没有签到记录，请一并填写签到时间', { fields: [{ path: 'checkedInAt', message: '请填写签到时间' }] });
      if (checkedInAt >= checkedOutAt) throw new AppError('VALIDATION_FAILED', '签退时间应晚于签到时间', { fields: [{ path: 'checkedOutAt', message: '签退时间应晚于签到时间' }] });
      const who = await repos.users.find(input.userId);
      if (!who) throw new AppError('NOT_FOUND', '此人未报名这个活动');
      const done = await finishAttendance({ ...rt, repos }, a, who, 'correct', { checkedInAt, checkedOutAt }, caller.id);
      return { attendee: attendeeView(done.attendee), points: done.points };
    });
  },
});
