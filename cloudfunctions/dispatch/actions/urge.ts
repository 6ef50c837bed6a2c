import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { announceEvent } from '../../_core/notify/announcements';
import { applyAction } from '../../_core/wishes/apply';
import { wishView } from '../../_core/wishes/views';

/** 催办: the town tells the community to move a stalled wish; the message is on the timeline and in its staff's inbox. */
export default defineAction({
  input: ActionSchemas.dispatch.urge,
  roles: ['town_admin'],
  async run({ input, caller, rt }) {
    const wish = await rt.repos.wishes.load(input.wishId);
    const { wish: after, event } = await applyAction(rt, { wish, action: 'urge', caller, input: { note: input.note } });
    await announceEvent(rt, after, event);
    return { wish: wishView(after, caller) };
  },
});
