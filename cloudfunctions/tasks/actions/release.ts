import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { applyAction } from '../../_core/wishes/apply';
import { wishView } from '../../_core/wishes/views';

/** Give my place back; the last place given back returns the wish to the open pool. */
export default defineAction({
  input: ActionSchemas.tasks.release,
  async run({ input, caller, rt }) {
    const wish = await rt.repos.wishes.load(input.wishId);
    const { wish: after } = await applyAction(rt, { wish, action: 'release', caller, input: { reason: input.reason } });
    return { wish: wishView(after, caller) };
  },
});
