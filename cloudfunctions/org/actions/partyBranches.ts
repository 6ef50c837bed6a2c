import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { requireCommunity } from '../../_core/caller';
import { collections } from '../../_core/store/collections';
import { withId } from '../../_core/orgAccess';
import { loadCommunity } from '../../_core/wishStore';

/** 镇党委 → 社区党总支 → 小区党支部 → 楼栋党小组, as far as this community reaches. */
export default defineAction({
  input: ActionSchemas.org.partyBranches,
  async run({ caller, rt }) {
    const community = await loadCommunity(rt, requireCommunity(caller));
    const items = await collections(rt.db)
      .partyBranches.find({ $or: [{ communityId: community._id }, { level: 'town', townId: community.townId }] })
      .toArray();
    const order = { town: 0, community: 1, compound: 2, building: 3 } as const;
    items.sort((a, b) => order[a.level] - order[b.level] || a.name.localeCompare(b.name, 'zh'));
    return { items: items.map(withId) };
  },
});
