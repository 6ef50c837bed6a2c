import { AppError } from '@shared';
import { ActionSchemas } from '@shared/actions';
import { defineAction } from '../../_core/routing/action';
import { rolesChanged } from '../../_core/access/sessions';
import type { JoinRequestDoc } from '../../_core/store/types';
import { newId } from '../../_core/store/ids';
import { requireSecretary } from '../../_core/access/orgAccess';
import { announce } from '../../_core/notify/outbox';
import type { MembershipDoc } from '../../_core/store/types';
import type { Runtime } from '../../_core/runtime/types';
import { requestView, rolesText } from '../membership';

/**
 * The secretary approves (granting the roles asked for, or fewer) or rejects with a reason.
 * The request is taken by one conditional update, so two decisions at once give one
 * winner; the membership follows, and if it cannot be written the request goes back to
 * pending — a request never reads "approved" for someone who did not join.
 */
export default defineAction({
  input: ActionSchemas.org.decideJoin,
  async run({ input, caller, rt, identity }) {
    const communityId = requireSecretary(caller);
    const { joinRequests, users } = rt.repos;
    const request = await joinRequests.find(input.requestId, communityId);
    if (!request) throw new AppError('NOT_FOUND', '申请不存在');
    if (request.status !== 'pending') throw new AppError('CONFLICT', '该申请已被处理');
    const community = await rt.repos.communities.find(communityId);
    const granted = input.approve ? (input.roles ?? request.roles) : undefined;
    if (granted) {
      const person = await users.find(request.userId);
      if (!person) throw new AppError('NOT_FOUND', '申请人不存在');
      if (person.memberships.some((m) => m.roles.includes('town_admin'))) throw new AppError('FORBIDDEN', '镇街管理员不能担任社区身份');
    }

    const now = rt.now();
    const decisionId = newId();
    const decided = await joinRequests.decide(request._id, {
      status: granted ? 'approved' : 'rejected', decidedAt: now, decidedBy: caller.id, decisionId,
      ...(granted ? { grantedRoles: granted } : { reason: input.reason! }),
    });
    if (!decided) throw new AppError('CONFLICT', '该申请已被处理');
    if (granted) {
      try {
        await addMembership(rt, decided, granted, community?.townId, now);
      } catch (err) {
        await joinRequests.undo(decided._id, decisionId);
        throw err;
      }
      await rolesChanged(rt, decided.userId, identity);
    }
    await announce(
      rt,
      {
        template: 'join_decided', eventId: decisionId, communityId, page: 'pages/me/index',
        values: {
          thing1: community?.name ?? '社区',
          phrase2: granted ? '已通过' : '未通过',
          thing3: granted ? `身份：${rolesText(granted)}` : input.reason!,
        },
      },
      [decided.userId],
    );
    return { request: requestView(decided, caller, community?.name) };
  },
});

/**
 * Add the roles to the person's membership here, or create it. A new membership is pushed only while the person
 * has none here, so an invite accepted meanwhile for this community makes this fail instead of leaving them in it
 * twice. A person may belong to several communities (lives in one, serves in another) and picks where they act.
 */
async function addMembership(rt: Runtime, request: JoinRequestDoc, granted: MembershipDoc['roles'], townId: string | undefined, now: Date): Promise<void> {
  const { users } = rt.repos;
  const person = await users.find(request.userId);
  const here = person?.memberships.find((m) => m.communityId === request.communityId);
  if (here) {
    if (await users.addRoles(request.userId, request.communityId, [...new Set([...here.roles, ...granted])], now)) return;
  } else {
    const membership: MembershipDoc = { communityId: request.communityId, ...(townId ? { townId } : {}), roles: granted };
    if (await users.joinCommunity(request.userId, membership, { name: request.name, phone: request.phone }, now)) return;
  }
  throw new AppError('CONFLICT', '申请人的社区身份刚刚发生变化，请刷新后重试');
}
