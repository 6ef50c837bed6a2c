import { AttendanceSteps, HelperRoles } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { activityFor, assertStepOpen } from '../../_core/activities/access';
import { refuseStep } from '../../_core/activities/attend';
import { activityView } from '../../_core/activities/views';

/** A volunteer who signed up and has not checked in gives their place back. */
export default defineAction({
  roles: HelperRoles,
  input: ActionSchemas.activities.withdraw,
  async run({ input, caller, rt }) {
    return rt.repos.inTransaction(async (repos) => {
      const a = await activityFor(repos, caller, input.activityId);
      const now = rt.now();
      assertStepOpen('withdraw', a, now);
      const moved = await repos.activities.move(a._id, caller.id, AttendanceSteps.withdraw.from, { status: AttendanceSteps.withdraw.to, withdrawnAt: now });
      if (!moved) return refuseStep(repos, 'withdraw', a._id, caller.id);
      await repos.activities.givePlaceBack(a._id);
      return { activity: activityView({ ...a, placesLeft: a.placesLeft + 1 }, now, moved) };
    });
  },
});
