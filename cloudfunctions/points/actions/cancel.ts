import { AppError, ledgerIds } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { redemptionView } from './common';

/**
 * A redemption not yet handed over is cancelled by its holder or the secretary: the points come back as a refund
 * entry (the spend stays in the ledger) and the item goes back on the shelf. Once handed over it stays so.
 */
export default defineAction({
  input: ActionSchemas.points.cancel,
  async run({ input, caller, rt }) {
    return rt.repos.inTransaction(async ({ store, ledger }) => {
      const found = await store.redemption(input.redemptionId);
      const isSecretary = !!found && caller.acting.some((m) => m.communityId === found.communityId && m.roles.includes('secretary'));
      if (!found || (found.userId !== caller.id && !isSecretary)) throw new AppError('NOT_FOUND', '兑换记录不存在');
      if (found.status !== 'pending') throw new AppError('CONFLICT', found.status === 'fulfilled' ? '物品已领取，不能取消' : '该兑换已取消');
      const now = rt.now();
      const settled = await store.settle(found._id, 'cancelled', caller.id, now);
      if (!settled) throw new AppError('CONFLICT', '该兑换已处理，请刷新');
      await ledger.post({
        _id: ledgerIds.refund(found._id), communityId: found.communityId, userId: found.userId, kind: 'refund', amount: found.cost,
        sourceId: found._id, at: now, redemptionId: found._id, itemName: found.itemName,
      });
      await store.putBack(found.itemId);
      return { redemption: redemptionView(settled, caller), balance: await ledger.balance(found.communityId, found.userId) };
    });
  },
});
