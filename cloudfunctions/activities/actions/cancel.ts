import { AppError, StaffRoles } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { assertStepOpen, staffActivity } from '../../_core/activities/access';
import { activityView } from '../../_core/activities/views';
import { announceCancel } from '../../_core/activities/notices';

/** Staff call an activity off before it starts, with the reason those signed up read in their inbox. */
export default defineAction({
  roles: StaffRoles,
  input: ActionSchemas.activities.cancel,
  async run({ input, caller, rt }) {
    const a = await staffActivity(rt.repos, caller, input.activityId);
    const now = rt.now();
    assertStepOpen('cancel', a, now);
    await rt.content.check({ reason: input.reason }, caller.user.openid);
    const done = await rt.repos.activities.cancel(a._id, caller.id, input.reason, now);
    if (!done) {
      const fresh = await rt.repos.activities.find(a._id);
      if (fresh) assertStepOpen('cancel', fresh, now);
      throw new AppError('CONFLICT', '活动状态已变化，请刷新');
    }
    await announceCancel(rt, done, input.reason);
    return { activity: activityView(done, now) };
  },
});
