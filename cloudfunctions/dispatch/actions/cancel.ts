import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { applyAction } from '../../_core/wishes/apply';
import { wishView } from '../../_core/wishes/views';

/** The secretary withdraws a wish (a duplicate, a request handled elsewhere), saying why. */
export default defineAction({
  input: ActionSchemas.dispatch.cancel,
  roles: ['secretary'],
  async run({ input, caller, rt }) {
    const wish = await rt.repos.wishes.load(input.wishId);
    const { wish: after } = await applyAction(rt, { wish, action: 'cancel', caller, input: { reason: input.reason } });
    return { wish: wishView(after, caller) };
  },
});
