import { ActionSchemas } from '@shared/actions';
import { settingsOf } from '@shared';
import { defineAction } from '../../_core/routing/action';
import { announceEvent } from '../../_core/notify/announcements';
import { requireCommunity } from '../../_core/access/caller';
import { checkWishText, insertWish } from '../../_core/wishes/newWish';
import { checkPostingRate } from '../../_core/routing/rateLimit';
import { wishView } from '../../_core/wishes/views';
import { loadCommunity } from '../../_core/store/loadCommunity';

/**
 * A resident posts a wish for themself; it waits for the community's review. Similar wishes
 * nearby were pointed out while the form was filled in (wishes.similar), so none are looked up here.
 */
export default defineAction({
  input: ActionSchemas.wishes.create,
  async run({ input, caller, rt }) {
    const community = await loadCommunity(rt, requireCommunity(caller));
    await checkPostingRate(rt, caller.id, settingsOf(community.settings).postsPerDay);
    await checkWishText(rt, caller, input);
    const wish = await insertWish(rt, {
      fields: input,
      community,
      caller,
      role: 'resident',
      ownerId: caller.id,
      ownerName: caller.user.name,
      channel: 'miniprogram',
      priority: 'normal',
    });
    await announceEvent(rt, wish, wish.events[0]);
    return { wish: wishView(wish, caller) };
  },
});
