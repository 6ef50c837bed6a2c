import { CommunitySettings, parseInput, settingsOf } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { collections } from '../../_core/store/collections';
import { requireSecretary } from '../../_core/orgAccess';
import { communityCache } from '../../_core/wishStore';

/** Lease length, escalation limits, auto-confirm days, posting limit: the whole is re-checked. */
export default defineAction({
  input: ActionSchemas.org.updateSettings,
  write: true,
  async run({ input, caller, rt }) {
    const communityId = requireSecretary(caller);
    const { communities } = collections(rt.db);
    const current = await communities.findOne({ _id: communityId });
    const merged = parseInput(CommunitySettings, { ...settingsOf(current?.settings), ...input.settings });
    await communities.updateOne({ _id: communityId }, { $set: { settings: merged } });
    communityCache.forget(rt.db, communityId);
    const { _id, ...rest } = (await communities.findOne({ _id: communityId }))!;
    return { community: { id: _id, ...rest, settings: merged } };
  },
});
