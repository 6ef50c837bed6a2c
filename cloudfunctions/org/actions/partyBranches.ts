import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { requireCommunity } from '../../_core/access/caller';
import { withId } from '../../_core/access/orgAccess';
import { loadCommunity } from '../../_core/store/loadCommunity';

/** 镇党委 → 社区党总支 → 小区党支部 → 楼栋党小组, as far as this community reaches. */
export default defineAction({
  input: ActionSchemas.org.partyBranches,
  async run({ caller, rt }) {
    const community = await loadCommunity(rt, requireCommunity(caller));
    const items = await rt.repos.org.partyBranches(community._id, community.townId);
    return { items: items.map(withId) };
  },
});
