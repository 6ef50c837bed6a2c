import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { announceEvent } from '../../_core/announcements';
import { applyAction } from '../../_core/apply';
import { wishView } from '../../_core/views';

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
