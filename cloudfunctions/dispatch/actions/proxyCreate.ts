import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { requireCommunity } from '../../_core/access/caller';
import { enterProxyWish } from '../../_core/wishes/proxyEntry';
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
    const { wish, similar } = await enterProxyWish(rt, caller, community, { fields, channel, beneficiary, priority, approveNow, assignTo });
    return { wish: wishView(wish, caller), similar };
  },
});
