import { AppError, HelperRoles, attendanceRefusal } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { activityFor, assertStepOpen } from '../../_core/activities/access';
import { activityView } from '../../_core/activities/views';
import { attendanceId } from '../../_core/store/activities';
import type { Caller } from '../../_core/access/caller';
import type { Repositories } from '../../_core/store/repositories';

const full = () => new AppError('CONFLICT', '名额已满', { reason: 'full' });

/** Refuses a sign-up the activity's time or the caller's own sign-up rules out, as `repos` reads them. */
async function signUpOpen(repos: Pick<Repositories, 'activities'>, caller: Caller, activityId: string, now: Date) {
  const a = await activityFor(repos, caller, activityId);
  assertStepOpen('signUp', a, now);
  const before = await repos.activities.attendee(a._id, caller.id);
  const refusal = attendanceRefusal('signUp', before?.status ?? 'none');
  if (refusal) throw new AppError('CONFLICT', refusal, { status: before?.status });
  return a;
}

/**
 * A volunteer or party member takes a place. One transaction: a place only if one is left (a conditional
 * decrement), and the sign-up. Racing sign-ups meet as write conflicts on the activity and run again against
 * what the winners left, so N places go to exactly N people however many tap at once.
 */
export default defineAction({
  roles: HelperRoles,
  input: ActionSchemas.activities.signUp,
  // A popular activity's few places are tapped for at once, like a wish's (tasks.claim): sign-ups take turns at its
  // places, and once they are gone each is refused by one read rather than a transaction that conflicts.
  turnsOn: (input) => `activity:${input.activityId}`,
  async refuseEarly({ input, caller, rt }) {
    const a = await signUpOpen(rt.repos, caller, input.activityId, rt.now());
    if (a.placesLeft < 1) throw full();
  },
  async run({ input, caller, rt }) {
    return rt.repos.inTransaction(async (repos) => {
      const now = rt.now();
      const a = await signUpOpen(repos, caller, input.activityId, now);
      if (!(await repos.activities.takePlace(a._id))) throw full();
      const row = {
        _id: attendanceId(a._id, caller.id), activityId: a._id, communityId: a.communityId, userId: caller.id,
        name: caller.user.name ?? '', status: 'signed_up' as const, signedUpAt: now,
      };
      await repos.activities.signUp(row);
      return { activity: activityView({ ...a, placesLeft: a.placesLeft - 1 }, now, row) };
    });
  },
});
