import { AppError, leaseUntil, settingsOf } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { relationsTo, requireAny } from '../../_core/access';
import { announceClaimed } from '../../_core/announcements';
import { wishView } from '../../_core/views';
import type { ClaimDoc } from '../../_core/types';
import { actorDoc, loadCommunity, loadWish, requireState, roleFor, transit } from '../../_core/wishStore';

/**
 * Take one free place of an open wish (a unit takes every free place) under a lease.
 * One conditional update checks state, free places and that I hold none yet: under any
 * concurrency each place has exactly one winner.
 */
export default defineAction({
  input: ActionSchemas.tasks.claim,
  write: true,
  roles: ['volunteer', 'party_member', 'unit_admin'],
  async run({ input, caller, rt }) {
    const wish = await loadWish(rt, input.wishId);
    const rel = relationsTo(caller, wish);
    requireAny(rel, ['volunteer'], wish, caller, '只有志愿者、党员或共建单位成员可以认领');
    if (input.asUnit && !(caller.roles.includes('unit_admin') && caller.membership?.unitId === input.asUnit)) {
      throw new AppError('FORBIDDEN', '只有该单位的管理员可以代表单位认领');
    }
    requireState(wish, ['open', 'claimed'], 'claim');
    const mine = (c: ClaimDoc) => c.claimerId === caller.id || c.assigneeId === caller.id || (input.asUnit && c.unitId === input.asUnit);
    if (wish.claims.some(mine)) throw new AppError('CONFLICT', '您已认领这个心愿');
    if (wish.slotsFree <= 0) throw new AppError('ALREADY_CLAIMED', '心愿已被认领满了');

    const now = rt.now();
    const settings = settingsOf((await loadCommunity(rt, wish.communityId)).settings);
    const slots = input.asUnit ? wish.slotsFree : 1;
    const claim: ClaimDoc = {
      claimerId: caller.id,
      kind: input.asUnit ? 'unit' : 'user',
      ...(input.asUnit ? { unitId: input.asUnit } : {}),
      assigneeId: caller.id,
      slots,
      leaseUntil: leaseUntil(now, settings),
      extensions: 0,
      claimedAt: now,
    };
    const { wish: after, event } = await transit(rt, {
      wish, from: ['open', 'claimed'], to: 'claimed', action: 'claim',
      actor: actorDoc(caller, roleFor(caller, ['party_member', 'unit_admin', 'volunteer'])), now,
      meta: { claimerId: caller.id, slots: String(slots), leaseUntil: claim.leaseUntil.toISOString(), ...(input.asUnit ? { unitId: input.asUnit } : {}) },
      filter: {
        // A unit takes exactly the places it saw free; a person takes one if any is left.
        slotsFree: input.asUnit ? slots : { $gte: 1 },
        'claims.claimerId': { $ne: caller.id },
        'claims.assigneeId': { $ne: caller.id },
        ...(input.asUnit ? { 'claims.unitId': { $ne: input.asUnit } } : {}),
      },
      update: { $inc: { slotsFree: -slots }, $push: { claims: claim }, $set: { claimedAt: now } },
      explain: (current) => {
        if (current.claims.some(mine)) return new AppError('CONFLICT', '您已认领这个心愿');
        if (current.slotsFree === 0 || (input.asUnit && current.slotsFree !== slots)) return new AppError('ALREADY_CLAIMED', '心愿已被他人认领');
        return undefined;
      },
    });
    await announceClaimed(rt, after, event, caller.id);
    return { wish: wishView(after, relationsTo(caller, after)), leaseUntil: claim.leaseUntil };
  },
});
