import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { announceEvent } from '../../_core/notify/announcements';
import { applyAction } from '../../_core/wishes/apply';
import { wishView } from '../../_core/wishes/views';

/** The resident confirms the service happened. */
export default defineAction({
  input: ActionSchemas.wishes.confirm,
  async run({ input, caller, rt }) {
    const wish = await rt.repos.wishes.load(input.wishId);
    const { wish: after, event } = await applyAction(rt, { wish, action: 'confirm', caller });
    await announceEvent(rt, after, event);
    return { wish: wishView(after, caller) };
  },
});
