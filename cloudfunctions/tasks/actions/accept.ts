import { AppError, leaseUntil, settingsOf } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { relationsTo, requireAny } from '../../_core/access';
import { announceClaimed } from '../../_core/announcements';
import { wishView } from '../../_core/views';
import type { ClaimDoc } from '../../_core/types';
import { actorDoc, loadCommunity, loadWish, requireState, transit } from '../../_core/wishStore';

/** The person or unit the community dispatched to takes the wish: every place, under a lease. */
export default defineAction({
  input: ActionSchemas.tasks.accept,
  write: true,
  async run({ input, caller, rt }) {
    const wish = await loadWish(rt, input.wishId);
    const rel = relationsTo(caller, wish);
    requireAny(rel, ['assignee', 'unit_admin_of_claiming_unit'], wish, caller, '这个心愿没有派给您');
    requireState(wish, ['assigned'], 'accept');
    const target = wish.assignment!.target;
    if (target.kind === 'user' && target.id !== caller.id) throw new AppError('FORBIDDEN', '这个心愿没有派给您');
    const now = rt.now();
    const settings = settingsOf((await loadCommunity(rt, wish.communityId)).settings);
    const claim: ClaimDoc = {
      claimerId: caller.id,
      kind: target.kind,
      ...(target.kind === 'unit' ? { unitId: target.id } : {}),
      assigneeId: caller.id,
      slots: wish.helpersNeeded,
      leaseUntil: leaseUntil(now, settings),
      extensions: 0,
      claimedAt: now,
    };
    const { wish: after, event } = await transit(rt, {
      wish, from: ['assigned'], to: 'claimed', action: 'accept', actor: actorDoc(caller), now,
      meta: { claimerId: caller.id, leaseUntil: claim.leaseUntil.toISOString() },
      filter: { 'assignment.target.id': target.id, claims: { $size: 0 } } as never,
      update: { $set: { claims: [claim], slotsFree: 0, claimedAt: now } },
    });
    await announceClaimed(rt, after, event, caller.id);
    return { wish: wishView(after, relationsTo(caller, after)), leaseUntil: claim.leaseUntil };
  },
});
