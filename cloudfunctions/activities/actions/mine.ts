import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { activityView } from '../../_core/activities/views';

/** What the caller signed up for and attended, newest first, and the hours their check-outs earned. */
export default defineAction({
  input: ActionSchemas.activities.mine,
  async run({ caller, rt }) {
    const rows = await rt.repos.activities.ofPerson(caller.id);
    const byId = new Map((await rt.repos.activities.byIds(rows.map((r) => r.activityId))).map((a) => [a._id, a]));
    const now = rt.now();
    const items = rows.flatMap((r) => {
      const a = byId.get(r.activityId);
      return a ? [activityView(a, now, r)] : [];
    });
    const hours = Math.round(rows.reduce((sum, r) => sum + (r.hours ?? 0), 0) * 10) / 10;
    return { items, hours };
  },
});
