import { randomBytes } from 'node:crypto';
import { AppError, HelperRoles, REDEMPTION_CODE_ALPHABET, REDEMPTION_CODE_LENGTH, ledgerIds, redeemRefusal } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { newId } from '../../_core/store/ids';
import type { RedemptionDoc } from '../../_core/store/store';
import { helperCommunity, redemptionView } from './common';

function newCode(): string {
  return Array.from(randomBytes(REDEMPTION_CODE_LENGTH), (b) => REDEMPTION_CODE_ALPHABET[b % REDEMPTION_CODE_ALPHABET.length]).join('');
}

/**
 * A helper spends points on a shelf item and gets a code to show at the desk. One transaction: one off the shelf
 * only if one is left, the points only if the balance covers them, the spend as a ledger entry, the redemption.
 * Racing redemptions meet as write conflicts on the item or the account and run again against what the winner
 * left: the last items go to exactly as many as there were, and nobody's points are spent twice.
 */
export default defineAction({
  roles: HelperRoles,
  input: ActionSchemas.points.redeem,
  async run({ input, caller, rt }) {
    const communityId = helperCommunity(caller);
    return rt.repos.inTransaction(async ({ store, ledger }) => {
      const item = await store.item(input.itemId);
      if (!item || item.communityId !== communityId) throw new AppError('NOT_FOUND', '物品不存在');
      const balance = await ledger.balance(communityId, caller.id);
      const refusal = redeemRefusal(item, balance);
      if (refusal) throw new AppError('CONFLICT', refusal);
      if (!(await store.takeOne(item._id))) throw new AppError('CONFLICT', '该物品已兑完');
      const now = rt.now();
      const redemption: RedemptionDoc = {
        _id: newId(), code: newCode(), communityId, userId: caller.id, holderName: caller.user.name ?? '',
        itemId: item._id, itemName: item.name, cost: item.cost, status: 'pending', createdAt: now,
      };
      await ledger.post(
        { _id: ledgerIds.redeem(redemption._id), communityId, userId: caller.id, kind: 'redeem', amount: -item.cost, sourceId: redemption._id, at: now, redemptionId: redemption._id, itemName: item.name },
        { mayNotOverdraw: true },
      );
      await store.insertRedemption(redemption);
      return { redemption: redemptionView(redemption, caller), balance: balance - item.cost };
    });
  },
});
