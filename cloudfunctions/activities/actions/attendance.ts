import { StaffRoles } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { staffActivity } from '../../_core/activities/access';
import { activityView, attendeeView } from '../../_core/activities/views';

/** The organiser's list: everyone who signed up, in order, with when they came and left and the hours credited. */
export default defineAction({
  roles: StaffRoles,
  input: ActionSchemas.activities.attendance,
  async run({ input, caller, rt }) {
    const a = await staffActivity(rt.repos, caller, input.activityId);
    const rows = await rt.repos.activities.attendees(a._id);
    return { activity: activityView(a, rt.now()), attendees: rows.map(attendeeView) };
  },
});
