import { AppError, canRead, normalizeWishNumber } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { actorFor } from '../../_core/access/wishAccess';
import { domainOf } from '../../_core/store/stored';
import { wishView } from '../../_core/wishes/views';

/**
 * 心愿编号: staff open the wish a resident reads out on the phone. A secretary or grid worker looks in their
 * community, a town admin in the town's communities; a wish the caller may not read (another grid's, for a grid
 * worker) is answered as one that is not there, so a number tells nothing about wishes beyond the caller's reach.
 */
export default defineAction({
  input: ActionSchemas.dispatch.lookup,
  roles: ['secretary', 'grid_worker', 'town_admin'],
  async run({ input, caller, rt }) {
    const number = normalizeWishNumber(input.number)!;
    const communityIds = caller.communityId && !caller.roles.includes('town_admin')
      ? [caller.communityId]
      : caller.townId ? await rt.repos.communities.idsOfTown(caller.townId) : [];
    const doc = communityIds.length ? await rt.repos.wishes.byNumber(communityIds, number) : null;
    if (!doc || !canRead(domainOf(doc), actorFor(caller, doc))) throw new AppError('NOT_FOUND', `没有找到编号为 ${number} 的心愿`);
    return { wish: wishView(doc, caller) };
  },
});
