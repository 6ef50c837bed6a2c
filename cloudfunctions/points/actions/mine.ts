import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { entryView, helperCommunity, redemptionView } from './common';

/** My points: the balance, the ledger it is the sum of (newest first), and my redemption codes. */
export default defineAction({
  input: ActionSchemas.points.mine,
  async run({ caller, rt }) {
    const communityId = helperCommunity(caller);
    const [balance, entries, redemptions] = await Promise.all([
      rt.repos.ledger.balance(communityId, caller.id),
      rt.repos.ledger.history(communityId, caller.id),
      rt.repos.store.ofHolder(communityId, caller.id),
    ]);
    return { balance, entries: entries.map(entryView), redemptions: redemptions.map((r) => redemptionView(r, caller)) };
  },
});
