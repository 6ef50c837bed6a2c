import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { activityFor } from '../../_core/activities/access';
import { activityView } from '../../_core/activities/views';

/** One activity of the caller's community, with where they stand. */
export default defineAction({
  input: ActionSchemas.activities.detail,
  async run({ input, caller, rt }) {
    const a = await activityFor(rt.repos, caller, input.activityId);
    return { activity: activityView(a, rt.now(), await rt.repos.activities.attendee(a._id, caller.id)) };
  },
});
