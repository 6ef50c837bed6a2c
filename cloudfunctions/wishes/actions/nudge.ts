import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { announceEvent } from '../../_core/notify/announcements';
import { applyAction } from '../../_core/wishes/apply';
import { wishView } from '../../_core/wishes/views';

/**
 * 催一催: the resident of a wish that has not moved for a day says so. The step is on the timeline; the
 * helper holding the work hears it, or the community's staff when nobody holds it yet. Once a day at most.
 */
export default defineAction({
  input: ActionSchemas.wishes.nudge,
  async run({ input, caller, rt }) {
    const wish = await rt.repos.wishes.load(input.wishId);
    const { wish: after, event } = await applyAction(rt, { wish, action: 'nudge', caller, input: {} });
    await announceEvent(rt, after, event);
    return { wish: wishView(after, caller) };
  },
});
