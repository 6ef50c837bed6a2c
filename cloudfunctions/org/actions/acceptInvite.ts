import { AppError } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/action';
import { userCache } from '../../_core/caller';
import { collections } from '../../_core/store/collections';
import type { MembershipDoc } from '../../_core/types';
import { inviteCollection, usableNow } from '../membership';

/** Join a community (or take a new role in mine) with an invite code; each use is counted atomically. */
export default defineAction({
  input: ActionSchemas.org.acceptInvite,
  write: true,
  async run({ input, caller, rt }) {
    const { users } = collections(rt.db);
    const invites = inviteCollection(rt);
    const now = rt.now();
    const codeUpper = input.code.toUpperCase();
    const found = await invites.findOne({ code: codeUpper });
    if (found?.revokedAt) throw new AppError('NOT_FOUND', '邀请码已被撤销');
    if (!found || found.expiresAt <= now) throw new AppError('NOT_FOUND', '邀请码无效或已过期');
    const other = caller.user.memberships.find((m) => m.communityId && m.communityId !== found.communityId);
    if (other) throw new AppError('CONFLICT', '您已加入其他社区');
    const invite = await invites.findOneAndUpdate(
      // Revocation and expiry are tested in the same update that counts the use: a code revoked a moment ago admits no one.
      { _id: found._id, uses: { $lt: found.maxUses }, ...usableNow(now) },
      { $inc: { uses: 1 } },
      { returnDocument: 'after' },
    );
    if (!invite) {
      const latest = await invites.findOne({ _id: found._id }, { projection: { revokedAt: 1 } });
      if (latest?.revokedAt) throw new AppError('NOT_FOUND', '邀请码已被撤销');
      throw new AppError('CONFLICT', '邀请码已被用完');
    }
    const here = caller.user.memberships.find((m) => m.communityId === invite.communityId);
    const roles = [...new Set([...(here?.roles ?? []), 'resident' as const, invite.role])];
    const membership: MembershipDoc = {
      ...(here ?? {}), communityId: invite.communityId, roles,
      ...(invite.unitId ? { unitId: invite.unitId } : {}),
      ...(invite.gridId && invite.role === 'grid_worker' ? { gridIds: [...new Set([...(here?.gridIds ?? []), invite.gridId])] } : {}),
    };
    const memberships = [...caller.user.memberships.filter((m) => m.communityId !== invite.communityId), membership];
    const user = await users.findOneAndUpdate(
      { _id: caller.id },
      { $set: { memberships, updatedAt: now, ...(input.name ? { name: input.name } : {}), ...(input.phone ? { phone: input.phone } : {}) } },
      { returnDocument: 'after', projection: { devKey: 0 } },
    );
    userCache.forget(rt.repos, caller.id);
    const { _id, ...rest } = user!;
    return { user: { id: _id, ...rest }, communityId: invite.communityId, roles };
  },
});
