import { HelperRoles } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { activityByCode, finishAttendance, refuseStep } from '../../_core/activities/attend';
import { activityView } from '../../_core/activities/views';

/**
 * A checked-in volunteer checks out with the organiser's code: the hours within the activity's time are theirs,
 * recorded as a service and credited in points, once (a retried check-out is told it is done, and credits nothing).
 */
export default defineAction({
  roles: HelperRoles,
  input: ActionSchemas.activities.checkOut,
  async run({ input, caller, rt }) {
    const a = await activityByCode(rt, caller, input.activityId, input.code, 'checkOut');
    const now = rt.now();
    return rt.repos.inTransaction(async (repos) => {
      const at = await repos.activities.attendee(a._id, caller.id);
      if (at?.status !== 'checked_in' || !at.checkedInAt) return refuseStep(repos, 'checkOut', a._id, caller.id, at);
      const done = await finishAttendance({ ...rt, repos }, a, caller.user, 'checkOut', { checkedInAt: at.checkedInAt, checkedOutAt: now });
      return { activity: activityView(a, now, done.attendee), hours: done.hours, points: done.points };
    });
  },
});
