import { AppError } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { announceEvent } from '../../_core/notify/announcements';
import { approveWish } from '../../_core/wishes/approve';
import { checkAssignTarget } from '../../_core/wishes/assignTarget';
import { requireCommunity } from '../../_core/access/caller';
import { checkWishText, insertWish } from '../../_core/wishes/newWish';
import { findSimilar } from '../../_core/wishes/similar';
import { wishView } from '../../_core/wishes/views';
import { loadCommunity } from '../../_core/store/loadCommunity';

/**
 * Staff enter a wish that came by WeChat group, QQ, phone or a door visit, for a resident
 * (often an elder without the app). `approveNow` dispatches it at once (urgent incidents).
 */
export default defineAction({
  input: ActionSchemas.dispatch.proxyCreate,
  roles: ['secretary', 'grid_worker'],
  async run({ input, caller, rt }) {
    const community = await loadCommunity(rt, requireCommunity(caller));
    const { channel, beneficiary, priority, approveNow, assignTo, ...fields } = input;
    let ownerId = caller.id;
    if (beneficiary.userId) {
      const resident = await rt.repos.users.memberOf(community._id, beneficiary.userId);
      if (!resident) throw new AppError('VALIDATION_FAILED', '居民不在本社区', { fields: [{ path: 'beneficiary.userId', message: '本社区没有这位居民' }] });
      ownerId = resident._id;
    } else if (beneficiary.phone) {
      // Entered by phone number: the member registered with it (only when exactly one is) owns it and sees it.
      const resident = await rt.repos.users.onlyMemberWithPhone(community._id, beneficiary.phone);
      if (resident) ownerId = resident._id;
    }
    await checkWishText(rt, caller, fields);
    // Before the wish is written: a refused dispatch target must leave nothing behind.
    const targetName = assignTo ? await checkAssignTarget(rt, community._id, assignTo) : undefined;
    const similar = await findSimilar(rt, caller, community._id, fields);
    const role = caller.roles.includes('secretary') ? 'secretary' : 'grid_worker';
    let wish = await insertWish(rt, {
      fields: { ...fields, contactPhone: fields.contactPhone ?? beneficiary.phone },
      community, caller, role, ownerId, ownerName: beneficiary.name, channel, priority: priority ?? 'normal', beneficiary,
    });
    if (approveNow || assignTo) {
      ({ wish } = await approveWish(rt, caller, wish, { assignTo, priority, targetName }));
    } else {
      await announceEvent(rt, wish, wish.events[0]);
    }
    return { wish: wishView(wish, caller), similar };
  },
});
