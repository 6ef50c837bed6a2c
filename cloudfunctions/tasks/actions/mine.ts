import { ActionSchemas } from '@shared/actions';
import type { Filter } from 'mongodb';
import { defineAction } from '../../_core/action';
import { collections } from '../../_core/store/collections';
import { nextCursor, pageFilter } from '../../_core/page';
import { wishView } from '../../_core/views';
import type { WishDoc } from '../../_core/types';

/** What I hold or was dispatched: my claims, assignments to me, and my unit's. */
export default defineAction({
  input: ActionSchemas.tasks.mine,
  async run({ input, caller, rt }) {
    const limit = input.limit ?? 20;
    const unitId = caller.roles.includes('unit_admin') ? caller.membership?.unitId : undefined;
    const mine: Filter<WishDoc>[] = [
      { 'claims.claimerId': caller.id },
      { 'claims.assigneeId': caller.id },
      { status: 'assigned', 'assignment.target.kind': 'user', 'assignment.target.id': caller.id },
    ];
    if (unitId) mine.push({ 'claims.unitId': unitId }, { status: 'assigned', 'assignment.target.kind': 'unit', 'assignment.target.id': unitId });
    const filter: Filter<WishDoc> = { $or: mine, ...pageFilter<WishDoc>(input.cursor) };
    if (input.status) filter.status = input.status;
    const items = await collections(rt.db).wishes.find(filter, { projection: { events: 0 } }).sort({ _id: -1 }).limit(limit).toArray();
    return {
      items: items.map((w) => {
        const full = { ...w, events: [] };
        return wishView(full, caller);
      }),
      nextCursor: nextCursor(items, limit),
    };
  },
});
