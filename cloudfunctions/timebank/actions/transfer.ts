import { AppError, timeEntryIds, transferRefusal, withdrawRefusal } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { newId } from '../../_core/store/ids';
import { familyLinkId, type TimeEntryDoc } from '../../_core/store/timebank';
import { bankTown, timeEntryView } from './common';

/**
 * A member gives hours to a linked family member of the same town: two entries of one transfer in one transaction,
 * out of the giver's account (refused with INSUFFICIENT_HOURS unless the balance covers it, also when two transfers
 * race) and into the other's.
 */
export default defineAction({
  input: ActionSchemas.timebank.transfer,
  async run({ input, caller, rt }) {
    const townId = bankTown(caller);
    const link = await rt.repos.timebank.link(familyLinkId(caller.id, input.toUserId));
    const other = link?.status === 'accepted' ? await rt.repos.users.find(input.toUserId) : null;
    const refusal = transferRefusal(caller.id, input.toUserId, link, !!other?.memberships.some((m) => m.townId === townId));
    if (refusal) throw new AppError('VALIDATION_FAILED', refusal, { fields: [{ path: 'toUserId', message: refusal }] });
    const short = withdrawRefusal(await rt.repos.timebank.balance(townId, caller.id), input.hours);
    if (short) throw new AppError('INSUFFICIENT_HOURS', short);
    const transferId = newId();
    const at = rt.now();
    const names = { from: caller.user.name ?? '家人', to: other?.name ?? '家人' };
    const out: TimeEntryDoc = {
      _id: timeEntryIds.transferOut(transferId), townId, userId: caller.id, kind: 'transfer_out', hours: -input.hours, sourceId: transferId, at,
      counterpartId: input.toUserId, counterpartName: names.to,
    };
    return rt.repos.inTransaction(async ({ timebank }) => {
      await timebank.post(out);
      await timebank.post({
        _id: timeEntryIds.transferIn(transferId), townId, userId: input.toUserId, kind: 'transfer_in', hours: input.hours, sourceId: transferId, at,
        counterpartId: caller.id, counterpartName: names.from,
      });
      return { balance: await timebank.balance(townId, caller.id), entry: timeEntryView(out) };
    });
  },
});
