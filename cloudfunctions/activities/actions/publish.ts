import { ActionSchemas } from '@shared/actions';
import { StaffRoles } from '@shared';
import { defineAction } from '../../_core/routing/action';
import { newId } from '../../_core/store/ids';
import { staffCommunity } from '../../_core/activities/access';
import { newCodeSecret } from '../../_core/activities/code';
import { activityView } from '../../_core/activities/views';
import type { ActivityDoc } from '../../_core/store/activities';

/** Staff publish an activity of their community: open for sign-up at once, every place free. */
export default defineAction({
  roles: StaffRoles,
  input: ActionSchemas.activities.publish,
  async run({ input, caller, rt }) {
    const communityId = staffCommunity(caller);
    await rt.content.check({ title: input.title, description: input.description, place: input.place, organizer: input.organizer }, caller.user.openid);
    const now = rt.now();
    const doc: ActivityDoc = {
      _id: newId(), communityId, ...input, startAt: new Date(input.startAt), endAt: new Date(input.endAt), placesLeft: input.places,
      codeSecret: newCodeSecret(), createdBy: caller.id, createdAt: now, updatedAt: now,
    };
    await rt.repos.activities.insert(doc);
    return { activity: activityView(doc, now) };
  },
});
