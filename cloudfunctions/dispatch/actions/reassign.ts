import { AppError } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { announceEvent } from '../../_core/notify/announcements';
import { applyAction, assertAllowed } from '../../_core/wishes/apply';
import { wishView } from '../../_core/wishes/views';

/** 改派: the town moves a wish nobody took to another community under it, which then dispatches it as its own. */
export default defineAction({
  input: ActionSchemas.dispatch.reassign,
  roles: ['town_admin'],
  async run({ input, caller, rt }) {
    const wish = await rt.repos.wishes.load(input.wishId);
    const step = { wish, action: 'reassign' as const, caller, input: { toCommunityId: input.toCommunityId, note: input.note } };
    // Refused as the table says before the target community is looked at (a wish outside the town does not exist).
    const settings = await assertAllowed(rt, step);
    const target = await rt.repos.communities.find(input.toCommunityId);
    if (!target || target.townId !== wish.townId) {
      throw new AppError('VALIDATION_FAILED', '只能改派到本镇街的其他社区', { fields: [{ path: 'toCommunityId', message: '不是本镇街的社区' }] });
    }
    // Its grid there: the grid of the new community's building nearest the wish.
    const gridId = await rt.repos.org.nearestGrid(target._id, wish.location);
    const { wish: after, event } = await applyAction(rt, { ...step, settings, ...(gridId ? { extra: { set: { gridId } } } : {}) });
    await announceEvent(rt, after, event);
    return { wish: wishView(after, caller) };
  },
});
