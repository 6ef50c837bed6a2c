import { AppError, deactivatedRefusal, inviteRefusal, rolesMovedTo } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { rolesChanged } from '../../_core/access/sessions';
import type { MembershipDoc } from '../../_core/store/types';
import { afterMembershipChange } from '../../_core/wishes/vacate';

/** Join a community (a first, or a second one to serve in), or take a new role in mine, with an invite code; each use is counted atomically. */
export default defineAction({
  input: ActionSchemas.org.acceptInvite,
  async run({ input, caller, rt, identity }) {
    // Reading codes is never a way to a role (shared `inviteRefusal` states the rule).
    const person = { userId: caller.id, roles: caller.user.memberships.flatMap((m) => m.roles) };
    const refused = inviteRefusal(person);
    if (refused) throw new AppError('FORBIDDEN', refused);
    const { invites } = rt.repos;
    const now = rt.now();
    const codeUpper = input.code.toUpperCase();
    const found = await invites.byCode(codeUpper);
    if (found?.revokedAt) throw new AppError('NOT_FOUND', '邀请码已被撤销');
    if (!found || found.expiresAt <= now) throw new AppError('NOT_FOUND', '邀请码无效或已过期');
    // A code is no way back in: a membership the secretary deactivated is restored by them (org.reactivate), not redeemed.
    const stopped = caller.user.memberships.find((m) => m.communityId === found.communityId && m.deactivated);
    if (stopped) throw deactivatedRefusal(stopped, (await rt.repos.communities.names([found.communityId])).get(found.communityId));
    const ownCode = inviteRefusal(person, found);
    if (ownCode) throw new AppError('FORBIDDEN', ownCode);
    // The use is counted in the same transaction as the membership it buys: a refusal at the last step (the person
    // stopped or changed meanwhile) spends none, and two people after a code's last use at once conflict on the code,
    // so the one who retries sees it used up, or gets it if the other was refused.
    const { invite, user, roles, here, membership } = await rt.repos.inTransaction(async (tx) => {
      const invite = await tx.invites.use(found, now);
      if (!invite) {
        if (await tx.invites.isRevoked(found._id)) throw new AppError('NOT_FOUND', '邀请码已被撤销');
        throw new AppError('CONFLICT', '邀请码已被用完');
      }
      const here = caller.user.memberships.find((m) => m.communityId === invite.communityId);
      // Someone joins the community they live in first, as a resident of it; a second community is one they serve in
      // (a worker of its 物业, a member of its co-building unit), with the invite's role only. They pick where they act (org.actIn).
      const livesElsewhere = caller.user.memberships.some((m) => m.communityId && m.communityId !== invite.communityId);
      // An invite into another unit: the admin role of the unit they leave stays there (shared `rolesMovedTo`).
      const kept = rolesMovedTo(here?.roles ?? [], here?.unitId, invite.unitId);
      const roles = [...new Set([...kept, ...(livesElsewhere ? [] : ['resident' as const]), invite.role])];
      const membership: MembershipDoc = {
        ...(here ?? {}), communityId: invite.communityId, roles,
        ...(invite.unitId ? { unitId: invite.unitId } : {}),
        ...(invite.gridId && invite.role === 'grid_worker' ? { gridIds: [...new Set([...(here?.gridIds ?? []), invite.gridId])] } : {}),
      };
      // Only this community's membership is written, and only as it was read: the person as read here may be a moment
      // old (the caller cache, another process), and writing all their memberships back would undo a 停用 made since.
      const user = await tx.users.redeemInvite(caller.id, here, membership, { name: input.name, phone: input.phone }, now);
      if (!user) {
        const current = (await tx.users.find(caller.id))?.memberships.find((m) => m.communityId === invite.communityId);
        if (current?.deactivated) throw deactivatedRefusal(current, (await tx.communities.names([invite.communityId])).get(invite.communityId));
        throw new AppError('CONFLICT', '成员信息刚刚有变动，请重试');
      }
      return { invite, user, roles, here, membership };
    });
    // An admin taking another unit's invite leaves their unit: nobody may answer for it now (the system's step, no staff took it).
    await afterMembershipChange(rt, caller.id, invite.communityId, here, membership, null);
    await rolesChanged(rt, caller.id, identity);
    const { _id, ...rest } = user;
    return { user: { id: _id, ...rest }, communityId: invite.communityId, roles };
  },
});
