import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { wishView } from '../../_core/wishes/views';

/** What I hold or was dispatched: my claims, assignments to me, and my unit's. */
export default defineAction({
  input: ActionSchemas.tasks.mine,
  async run({ input, caller, rt }) {
    // Only my community's work: a unit id or claim carried over from elsewhere must not show another community's wishes.
    if (!caller.communityId) return { items: [] };
    const unitId = caller.membership?.unitId;
    const unit = unitId ? { id: unitId, admin: caller.roles.includes('unit_admin'), townId: caller.membership?.townId } : undefined;
    const page = await rt.repos.wishes.heldBy(caller.communityId, caller.id, unit, { cursor: input.cursor, limit: input.limit ?? 20, status: input.status });
    return { items: page.items.map((w) => wishView(w, caller)), nextCursor: page.nextCursor };
  },
});
