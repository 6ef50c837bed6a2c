import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { applyAction } from '../../_core/apply';
import { wishView } from '../../_core/views';

/** Give my place back; the last place given back returns the wish to the open pool. */
export default defineAction({
  input: ActionSchemas.tasks.release,
  async run({ input, caller, rt }) {
    const wish = await rt.repos.wishes.load(input.wishId);
    const { wish: after } = await applyAction(rt, { wish, action: 'release', caller, input: { reason: input.reason } });
    return { wish: wishView(after, caller) };
  },
});
