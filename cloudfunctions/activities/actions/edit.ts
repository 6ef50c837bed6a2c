import { AppError, StaffRoles, activityTimesProblem } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { assertStepOpen, staffActivity } from '../../_core/activities/access';
import { activityView } from '../../_core/activities/views';
import { announceChange } from '../../_core/activities/notices';
import type { ActivityFields } from '../../_core/store/activities';

/**
 * Staff change an activity before it starts; those coming hear of a new time or place. Places may be cut only down to those signed up: the cut and the
 * places left move together in one conditional update, so a sign-up racing the edit is never squeezed out.
 */
export default defineAction({
  roles: StaffRoles,
  input: ActionSchemas.activities.edit,
  async run({ input, caller, rt }) {
    const { activityId, startAt, endAt, ...rest } = input;
    const a = await staffActivity(rt.repos, caller, activityId);
    const now = rt.now();
    assertStepOpen('edit', a, now);
    const fields: Partial<ActivityFields> = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
    if (startAt) fields.startAt = new Date(startAt);
    if (endAt) fields.endAt = new Date(endAt);
    const problem = activityTimesProblem(fields.startAt ?? a.startAt, fields.endAt ?? a.endAt);
    if (problem) throw new AppError('VALIDATION_FAILED', problem, { fields: [{ path: endAt ? 'endAt' : 'startAt', message: problem }] });
    const text = { title: fields.title, description: fields.description, place: fields.place, organizer: fields.organizer };
    if (Object.values(text).some((v) => v !== undefined)) await rt.content.check(text, caller.user.openid);
    const delta = fields.places === undefined ? 0 : fields.places - a.places;
    const saved = await rt.repos.activities.edit(a._id, fields, delta, now);
    if (!saved) {
      const fresh = await rt.repos.activities.find(a._id);
      if (fresh) assertStepOpen('edit', fresh, now);
      const taken = fresh ? fresh.places - fresh.placesLeft : 0;
      throw new AppError('CONFLICT', `已有 ${taken} 人报名，名额不能少于 ${taken}`, { fields: [{ path: 'places', message: `不能少于已报名的 ${taken} 人` }] });
    }
    await announceChange(rt, a, saved);
    return { activity: activityView(saved, now) };
  },
});
