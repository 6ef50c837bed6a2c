import { AppError, CommunitySettings, parseInput, settingsOf } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { requireSecretary } from '../../_core/access/orgAccess';
import { communityCache } from '../../_core/store/loadCommunity';

/** Lease length, escalation limits, auto-confirm days, posting limit: the whole is re-checked. */
export default defineAction({
  input: ActionSchemas.org.updateSettings,
  async run({ input, caller, rt }) {
    const communityId = requireSecretary(caller);
    const { communities } = rt.repos;
    const current = await communities.find(communityId);
    const merged = parseInput(CommunitySettings, { ...settingsOf(current?.settings), ...input.settings });
    const saved = await communities.setSettings(communityId, merged);
    if (!saved) throw new AppError('NOT_FOUND', '社区不存在');
    communityCache.forget(rt.repos, communityId);
    const { _id, ...rest } = saved;
    return { community: { id: _id, ...rest, settings: merged } };
  },
});
