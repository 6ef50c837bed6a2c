import { AppError, memberEntryOf, type Member } from '@shared';
import { actorFor } from './wishAccess';
import { requireCommunity, type Caller } from './caller';
import type { Runtime } from '../runtime/types';
import type { UserDoc } from '../store/types';

/** The secretary manages the community's org; everyone else reads it. */
export function requireSecretary(caller: Caller): string {
  const communityId = requireCommunity(caller);
  if (!caller.roles.includes('secretary')) throw new AppError('FORBIDDEN', '只有社区书记可以管理组织架构');
  return communityId;
}

export function withId<T extends { _id: string }>({ _id, ...rest }: T): Omit<T, '_id'> & { id: string } {
  return { id: _id, ...rest };
}

export async function requireMember(rt: Runtime, communityId: string, userId: string, path: string): Promise<UserDoc> {
  const found = await rt.repos.users.memberOf(communityId, userId);
  if (!found) throw new AppError('VALIDATION_FAILED', '该用户不是本社区成员', { fields: [{ path, message: '不是本社区成员' }] });
  return found;
}

/** A person as the community's member list shows them to this caller (shared/privacy `memberEntryOf`). */
export function memberOf(u: Pick<UserDoc, '_id' | 'name' | 'phone' | 'memberships'>, communityId: string, caller: Caller): Member {
  const here = u.memberships.find((x) => x.communityId === communityId);
  const member: Member = {
    user: { id: u._id, name: u.name, ...(u.phone ? { phone: u.phone } : {}) },
    roles: here?.roles ?? [],
    ...(here?.unitId ? { unitId: here.unitId } : {}),
    gridIds: here?.gridIds ?? [],
    ...(here?.partyBranchId ? { partyBranchId: here.partyBranchId } : {}),
    ...(here?.reportedAt ? { reportedAt: new Date(here.reportedAt).toISOString() } : {}),
    ...(here?.deactivated ? { deactivated: { at: new Date(here.deactivated.at).toISOString(), by: here.deactivated.by, reason: here.deactivated.reason } } : {}),
  };
  return memberEntryOf(member, communityId, actorFor(caller, { communityId }));
}
