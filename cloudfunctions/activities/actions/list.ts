import { ActionSchemas } from '@shared/actions';
import { requireCommunity } from '../../_core/access/caller';
import { defineAction } from '../../_core/routing/action';
import { activityView } from '../../_core/activities/views';

/** The caller's community's activities: upcoming and running soonest first, then past ones; each with where the caller stands. */
export default defineAction({
  input: ActionSchemas.activities.list,
  async run({ input, caller, rt }) {
    const communityId = requireCommunity(caller);
    const now = rt.now();
    const items = await rt.repos.activities.ofCommunity(communityId, now, input.status);
    const mine = await rt.repos.activities.mineOf(caller.id, items.map((a) => a._id));
    return { items: items.map((a) => activityView(a, now, mine.get(a._id))) };
  },
});
