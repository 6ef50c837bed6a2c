import { ActionSchemas } from '@shared/actions';
import { AppError, callListOf } from '@shared';
import { defineAction } from '../../_core/routing/action';
import { actorFor, canRead, relationsTo } from '../../_core/access/wishAccess';
import { callListFor } from '../../_core/wishes/callList';

/** 一键呼叫: whom staff can phone about a wish now (most of all an urgent one nobody has taken yet). */
export default defineAction({
  input: ActionSchemas.dispatch.callList,
  roles: ['secretary', 'grid_worker'],
  async run({ input, caller, rt }) {
    const wish = await rt.repos.wishes.load(input.wishId);
    // Refused before anyone's phone is looked up.
    if (!canRead(relationsTo(caller, wish), wish, caller)) throw new AppError('NOT_FOUND', '心愿不存在');
    return callListOf(await callListFor(rt, wish, caller.id), wish, actorFor(caller, wish));
  },
});
