import { AppError } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import type { JoinRequestDoc } from '../../_core/store/types';
import { newId } from '../../_core/store/ids';
import { announce } from '../../_core/notify/outbox';
import { secretariesOf } from '../../_core/access/people';
import { requestView, rolesText } from '../membership';

/**
 * Ask to join a community (or for more roles in mine); the secretary decides. The
 * community is named by id or by a live invite code — a code only names it here,
 * joining with a code straight away is org.acceptInvite.
 */
export default defineAction({
  input: ActionSchemas.org.requestJoin,
  async run({ input, caller, rt }) {
    // A town admin never takes a community role for itself (DESIGN.md §2), by a code or by asking.
    if (caller.user.memberships.some((m) => m.roles.includes('town_admin'))) throw new AppError('FORBIDDEN', '镇街管理员不能申请社区身份');
    const now = rt.now();
    let communityId = input.communityId;
    if (input.inviteCode) {
      const invite = await rt.repos.invites.usableByCode(input.inviteCode.toUpperCase(), now);
      if (!invite || invite.uses >= invite.maxUses) {
        throw new AppError('VALIDATION_FAILED', '邀请码无效或已过期', { fields: [{ path: 'inviteCode', message: '邀请码无效或已过期' }] });
      }
      communityId = invite.communityId;
    }
    const community = await rt.repos.communities.find(communityId!);
    if (!community) throw new AppError('NOT_FOUND', '社区不存在');
    const here = caller.user.memberships.find((m) => m.communityId === community._id);
    if (here && input.roles.every((r) => here.roles.includes(r))) throw new AppError('CONFLICT', '您已拥有所申请的身份');
    await rt.content.check({ name: input.name, note: input.note }, caller.user.openid);

    const doc: JoinRequestDoc = {
      _id: newId(), communityId: community._id, userId: caller.id, name: input.name,
      ...(input.phone ? { phone: input.phone } : {}), ...(input.note ? { note: input.note } : {}),
      roles: input.roles, status: 'pending', createdAt: now,
    };
    await rt.repos.joinRequests.insertPending(doc);
    await announce(
      rt,
      {
        template: 'join_requested', eventId: doc._id, communityId: community._id, page: 'packages/staff/pages/org/index',
        values: { name1: input.name, thing2: rolesText(input.roles), time3: now.toISOString() },
      },
      await secretariesOf(rt, community._id),
    );
    return { request: requestView(doc, caller, community.name) };
  },
});
