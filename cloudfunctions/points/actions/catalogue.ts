import { hasRole } from '../../_core/access/caller';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { helperCommunity, itemView } from './common';

/** The community's shelf, cheapest first, with the caller's balance; the secretary also sees what was taken off it. */
export default defineAction({
  input: ActionSchemas.points.catalogue,
  async run({ caller, rt }) {
    const communityId = helperCommunity(caller);
    const [items, balance] = await Promise.all([
      rt.repos.store.itemsOf(communityId, hasRole(caller, 'secretary')),
      rt.repos.ledger.balance(communityId, caller.id),
    ]);
    return { items: items.map(itemView), balance };
  },
});
