import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { approveWish } from '../../_core/wishes/approve';
import { wishView } from '../../_core/wishes/views';

/** Publish to the pool, or dispatch straight to a person or unit; optionally urgent. */
export default defineAction({
  input: ActionSchemas.dispatch.approve,
  roles: ['secretary', 'grid_worker'],
  async run({ input, caller, rt }) {
    const wish = await rt.repos.wishes.load(input.wishId);
    const { wish: after } = await approveWish(rt, caller, wish, input);
    return { wish: wishView(after, caller) };
  },
});
