import { AppError, canExtend, leaseUntil, settingsOf } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { relationsTo, requireAny } from '../../_core/access';
import { claimOf } from '../../_core/claims';
import { wishView } from '../../_core/views';
import { actorDoc, loadCommunity, loadWish, requireState, transit } from '../../_core/wishStore';

/** Renew my lease (a few times at most, per the community's setting). */
export default defineAction({
  input: ActionSchemas.tasks.extend,
  write: true,
  async run({ input, caller, rt }) {
    const wish = await loadWish(rt, input.wishId);
    const rel = relationsTo(caller, wish);
    requireAny(rel, ['claimer', 'assignee'], wish, caller, '您没有认领这个心愿');
    requireState(wish, ['claimed'], 'extend');
    const claim = claimOf(wish, caller);
    const settings = settingsOf((await loadCommunity(rt, wish.communityId)).settings);
    if (!canExtend(claim, settings)) throw new AppError('CONFLICT', `最多延长 ${settings.maxExtensions} 次`);
    const now = rt.now();
    const until = leaseUntil(now, settings);
    const { wish: after } = await transit(rt, {
      wish, from: ['claimed'], to: 'claimed', action: 'extend', actor: actorDoc(caller), now,
      meta: { leaseUntil: until.toISOString() },
      filter: { claims: { $elemMatch: { claimerId: claim.claimerId, assigneeId: claim.assigneeId, extensions: claim.extensions } } },
      // The filter pins this claim as read, so the whole element is rewritten in one path.
      update: { $set: { 'claims.$': { ...claim, leaseUntil: until, extensions: claim.extensions + 1 } } as never },
    });
    return { wish: wishView(after, rel), leaseUntil: until };
  },
});
