import { ActionSchemas } from '@shared/actions';
import { settingsOf } from '@shared';
import { defineAction } from '../../_core/routing/action';
import { announceEvent } from '../../_core/notify/announcements';
import { requireCommunity } from '../../_core/access/caller';
import { checkWishText, insertWish } from '../../_core/wishes/newWish';
import { checkPostingRate } from '../../_core/routing/rateLimit';
import { wishView } from '../../_core/wishes/views';
import { loadCommunity } from '../../_core/store/loadCommunity';
import { familyMemberOf } from '../../_core/timebank/family';
import { assertHoursCover, holdForWish } from '../../_core/timebank/withdraw';

/**
 * A resident posts a wish for themself, or for a family member who accepted the link; it waits for the
 * community's review. Paid by hours (用时间支付), the hours are held from the poster's 时间银行 account of the
 * town in the same transaction as the wish: refused with INSUFFICIENT_HOURS, and nothing written, when they are
 * not there. Similar wishes nearby were pointed out while the form was filled in (wishes.similar).
 */
export default defineAction({
  input: ActionSchemas.wishes.create,
  async run({ input, caller, rt }) {
    const { forFamilyId, ...fields } = input;
    const community = await loadCommunity(rt, requireCommunity(caller));
    const family = forFamilyId ? await familyMemberOf(rt.repos, caller.id, forFamilyId) : undefined;
    if (fields.paidHours) await assertHoursCover(rt.repos, community.townId, caller.id, fields.paidHours);
    await checkPostingRate(rt, caller.id, settingsOf(community.settings).postsPerDay);
    await checkWishText(rt, caller, fields);
    const wish = await rt.repos.inTransaction(async (repos) => {
      const on = { ...rt, repos };
      const made = await insertWish(on, {
        fields,
        community,
        caller,
        role: 'resident',
        ownerId: caller.id,
        ownerName: caller.user.name,
        channel: 'miniprogram',
        priority: 'normal',
        ...(family ? { beneficiary: { userId: family.userId, name: family.name } } : {}),
      });
      await holdForWish(repos, made, made.events[0]);
      return made;
    });
    await announceEvent(rt, wish, wish.events[0]);
    return { wish: wishView(wish, caller) };
  },
});
