import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { applyAction } from '../../_core/wishes/apply';
import { wishView } from '../../_core/wishes/views';
import { leaseOf } from '../lease';

/** Renew my lease (a few times at most, per the community's setting). */
export default defineAction({
  input: ActionSchemas.tasks.extend,
  async run({ input, caller, rt }) {
    const wish = await rt.repos.wishes.load(input.wishId);
    const { wish: after } = await applyAction(rt, { wish, action: 'extend', caller });
    return { wish: wishView(after, caller), leaseUntil: leaseOf(after, caller) };
  },
});
