import { heldHours } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { bankTown, familyLinkView, timeEntryView } from './common';

/** My 时间银行 in my town: the balance (the sum of my entries), hours held for my wishes under way, the history, my family. */
export default defineAction({
  input: ActionSchemas.timebank.mine,
  async run({ caller, rt }) {
    const townId = bankTown(caller);
    const [balance, entries, links, town] = await Promise.all([
      rt.repos.timebank.balance(townId, caller.id),
      rt.repos.timebank.history(townId, caller.id),
      rt.repos.timebank.linksOf(caller.id),
      rt.repos.communities.town(townId),
    ]);
    return {
      townId, townName: town?.name ?? '', balance, held: heldHours(entries.map((e) => ({ ...e, id: e._id }))),
      entries: entries.map(timeEntryView), family: links.map((l) => familyLinkView(l, caller)),
    };
  },
});
