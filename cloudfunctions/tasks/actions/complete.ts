import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { announceEvent } from '../../_core/notify/announcements';
import { applyAction } from '../../_core/wishes/apply';
import { recordServices } from '../../_core/stats/services';
import { wishView } from '../../_core/wishes/views';

/** A helper finishes their part: a note, photos, hours, recorded as their service; the wish is done when every part is. */
export default defineAction({
  input: ActionSchemas.tasks.complete,
  async run({ input, caller, rt }) {
    const wish = await rt.repos.wishes.load(input.wishId);
    await rt.content.check({ note: input.note }, caller.user.openid);
    const { wish: after, event } = await applyAction(rt, { wish, action: 'complete', caller, input: { note: input.note, photos: input.photos, hours: input.hours } });
    // The claims this step finished (the caller's own, or their unit's), not the other helpers'.
    const finished = after.claims.filter((c) => c.completedAt?.getTime() === event.at.getTime());
    await recordServices(rt, after, finished, input.hours, caller.user);
    await announceEvent(rt, after, event, { actorName: caller.user.name });
    return { wish: wishView(after, caller) };
  },
});
