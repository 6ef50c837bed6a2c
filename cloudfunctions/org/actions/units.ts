import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { requireCommunity } from '../../_core/access/caller';
import { withId } from '../../_core/access/orgAccess';
import { unitEntryOf } from '@shared';
import { actorFor } from '../../_core/access/wishAccess';

/** 共驻共建单位 of the community; contact phones as shared/privacy `unitEntryOf` lets the caller see them. */
export default defineAction({
  input: ActionSchemas.org.units,
  async run({ caller, rt }) {
    const communityId = requireCommunity(caller);
    const items = await rt.repos.org.units(communityId);
    const viewer = actorFor(caller, { communityId });
    return { items: items.map((u) => unitEntryOf(withId(u), viewer)) };
  },
});
