import { AttendanceSteps, HelperRoles } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { activityByCode, refuseStep } from '../../_core/activities/attend';
import { activityView } from '../../_core/activities/views';

/** A signed-up volunteer checks in with the code the organiser shows (scanned or typed): their hours count from now. */
export default defineAction({
  roles: HelperRoles,
  input: ActionSchemas.activities.checkIn,
  async run({ input, caller, rt }) {
    const a = await activityByCode(rt, caller, input.activityId, input.code, 'checkIn');
    const now = rt.now();
    const moved = await rt.repos.activities.move(a._id, caller.id, AttendanceSteps.checkIn.from, { status: AttendanceSteps.checkIn.to, checkedInAt: now });
    if (!moved) return refuseStep(rt.repos, 'checkIn', a._id, caller.id);
    return { activity: activityView(a, now, moved) };
  },
});
