import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { applyAction } from '../../_core/wishes/apply';
import { wishView } from '../../_core/wishes/views';

/** Work begins: from here the lease no longer expires. */
export default defineAction({
  input: ActionSchemas.tasks.start,
  async run({ input, caller, rt }) {
    const wish = await rt.repos.wishes.load(input.wishId);
    const { wish: after } = await applyAction(rt, { wish, action: 'start', caller });
    return { wish: wishView(after, caller) };
  },
});
