import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { announceEvent } from '../../_core/notify/announcements';
import { unlessDeactivated } from '../../_core/wishes/vacate';
import { applyAction } from '../../_core/wishes/apply';
import { wishView } from '../../_core/wishes/views';
import { leaseOf } from '../lease';

/** The person or unit the community dispatched to takes the wish: every place, under a lease. */
export default defineAction({
  input: ActionSchemas.tasks.accept,
  async run({ input, caller, rt }) {
    const wish = await rt.repos.wishes.load(input.wishId);
    const { wish: after, event } = await applyAction(rt, { wish, action: 'accept', caller });
    await unlessDeactivated(rt, after, caller.id, caller.communityId);
    await announceEvent(rt, after, event, { actorName: caller.user.name });
    return { wish: wishView(after, caller), leaseUntil: leaseOf(after, caller) };
  },
});
