import { AppError, HelperRoles, attendanceRefusal } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { activityFor, assertStepOpen } from '../../_core/activities/access';
import { activityView } from '../../_core/activities/views';
import { attendanceId } from '../../_core/store/activities';

/**
 * A volunteer or party member takes a place. One transaction: a place only if one is left (a conditional
 * decrement), and the sign-up. Racing sign-ups meet as write conflicts on the activity and run again against
 * what the winners left, so N places go to exactly N people however many tap at once.
 */
export default defineAction({
  roles: HelperRoles,
  input: ActionSchemas.activities.signUp,
  async run({ input, caller, rt }) {
    return rt.repos.inTransaction(async (repos) => {
      const a = await activityFor(repos, caller, input.activityId);
      const now = rt.now();
      assertStepOpen('signUp', a, now);
      const before = await repos.activities.attendee(a._id, caller.id);
      const refusal = attendanceRefusal('signUp', before?.status ?? 'none');
      if (refusal) throw new AppError('CONFLICT', refusal, { status: before?.status });
      if (!(await repos.activities.takePlace(a._id))) throw new AppError('CONFLICT', '名额已满', { reason: 'full' });
      const row = {
        _id: attendanceId(a._id, caller.id), activityId: a._id, communityId: a.communityId, userId: caller.id,
        name: caller.user.name ?? '', status: 'signed_up' as const, signedUpAt: now,
      };
      await repos.activities.signUp(row);
      return { activity: activityView({ ...a, placesLeft: a.placesLeft - 1 }, now, row) };
    });
  },
});
