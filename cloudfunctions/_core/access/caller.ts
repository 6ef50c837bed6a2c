import { AppError, type Role } from '@shared';
import { TtlCache } from '../store/cache';
import { userOfOpenid } from './users';

/** Roles change rarely; a granted role reaches other server processes within this many ms. */
export const userCache = new TtlCache<UserDoc>(3_000);
import type { Identity, Runtime } from '../runtime/types';
import type { MembershipDoc, UserDoc } from '../store/types';

/** The person behind an invocation, with the roles of the community they act in (or their town). */
export interface Caller {
  id: string;
  user: UserDoc;
  communityId?: string;
  townId?: string;
  membership?: MembershipDoc;
  roles: Role[];
  /**
   * The memberships this call is answered under: the acting community's and any town's. A person in two
   * communities (lives in one, serves in another) holds the roles of the one they chose only; the other's
   * wishes, roles and org are as closed to them as to anyone outside it.
   */
  acting: MembershipDoc[];
}

export function hasRole(caller: Caller, ...roles: Role[]): boolean {
  return roles.some((r) => caller.roles.includes(r));
}

/**
 * The community membership the person chose to act in (their first when none or one they left); a town_admin's town
 * membership otherwise. A deactivated one stays theirs: their calls there are refused (the router), never silently
 * answered as another community's; they switch with org.actIn.
 */
function actingMembership(user: UserDoc): MembershipDoc | undefined {
  const communities = user.memberships.filter((m) => m.communityId !== undefined);
  return communities.find((m) => m.communityId === user.actingCommunityId) ?? communities[0] ?? user.memberships[0];
}

export function callerOf(user: UserDoc): Caller {
  const membership = actingMembership(user);
  const acting = user.memberships.filter((m) => m === membership || m.communityId === undefined);
  const roles = new Set<Role>();
  for (const m of acting) for (const r of m.roles) roles.add(r);
  return {
    id: user._id,
    user,
    membership,
    communityId: membership?.communityId,
    townId: acting.find((m) => m.townId)?.townId,
    roles: [...roles],
    acting,
  };
}

export async function resolveCaller(identity: Identity | undefined, rt: Runtime): Promise<Caller | null> {
  if (!identity || identity.kind === 'anonymous' || identity.kind === 'system') return null;
  if (identity.kind === 'user') {
    const user = await userCache.get(rt.repos, identity.userId, () => rt.repos.users.find(identity.userId));
    if (!user) throw new AppError('UNAUTHENTICATED', '登录已失效，请重新登录');
    return callerOf(user);
  }
  // WeChat: the first call of a new openid creates a member-less user who then joins by invite.
  return callerOf(await userOfOpenid(rt, identity.openid));
}

export function requireCommunity(caller: Caller): string {
  if (!caller.communityId) throw new AppError('FORBIDDEN', '请先通过邀请码加入社区');
  return caller.communityId;
}
