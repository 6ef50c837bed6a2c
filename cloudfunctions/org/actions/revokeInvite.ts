import { AppError } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { requireCommunity } from '../../_core/access/caller';
import { inviteView } from '../membership';

/**
 * Withdraw a code at once: every use tests `revokedAt` in the same update that counts it,
 * so no join gets through after this returns. The secretary may revoke any code of the
 * community; a unit admin or grid worker only their own. Revoking twice is harmless.
 */
export default defineAction({
  input: ActionSchemas.org.revokeInvite,
  roles: ['secretary', 'unit_admin', 'grid_worker'],
  async run({ input, caller, rt }) {
    const communityId = requireCommunity(caller);
    const now = rt.now();
    const onlyMine = caller.roles.includes('secretary') ? undefined : caller.id;
    const invite = await rt.repos.invites.revoke(input.code.toUpperCase(), communityId, onlyMine, caller.id, now);
    if (!invite) throw new AppError('NOT_FOUND', '邀请码不存在');
    return { invite: inviteView(invite, now) };
  },
});
