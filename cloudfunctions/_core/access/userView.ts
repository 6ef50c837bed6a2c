import type { UserView } from '@shared';
import { callerOf } from './caller';
import type { Runtime } from '../runtime/types';
import type { UserDoc } from '../store/types';

/**
 * What the client knows of the signed-in person: who, where, and which roles. One
 * builder for the gateway's login and /api/auth/me and for `org.me` in WeChat cloud,
 * so both modes hand the client the same user.
 */
export async function userView(rt: Runtime, user: UserDoc): Promise<UserView> {
  const caller = callerOf(user);
  const community = caller.communityId ? await rt.repos.communities.find(caller.communityId) : null;
  const ids = user.memberships.flatMap((m) => (m.communityId ? [m.communityId] : []));
  const names = ids.length > 1 ? await rt.repos.communities.names(ids) : new Map(community ? [[community._id, community.name]] : []);
  return {
    id: user._id,
    name: user.name,
    phone: user.phone,
    avatarUrl: user.avatarUrl,
    roles: caller.roles,
    communityId: caller.communityId,
    communityName: community?.name,
    communities: ids.map((id) => ({ id, name: names.get(id) ?? id })),
    townId: caller.townId ?? community?.townId,
    unitId: caller.membership?.unitId,
    gridIds: caller.membership?.gridIds ?? [],
    memberships: user.memberships,
    showFullName: user.showFullName === true,
    ...(user.devKey ? { devKey: user.devKey } : {}),
  };
}
