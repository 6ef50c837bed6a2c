import { collections } from '../cloudfunctions/_core/collections';
import { callerOf } from '../cloudfunctions/_core/caller';
import type { Runtime, UserDoc } from '../cloudfunctions/_core/types';

/** What the client knows of the signed-in person: who, where, and which roles. */
export async function userView(rt: Runtime, user: UserDoc) {
  const caller = callerOf(user);
  const community = caller.communityId ? await collections(rt.db).communities.findOne({ _id: caller.communityId }) : null;
  return {
    id: user._id,
    name: user.name,
    phone: user.phone,
    avatarUrl: user.avatarUrl,
    roles: caller.roles,
    communityId: caller.communityId,
    communityName: community?.name,
    townId: caller.townId ?? community?.townId,
    unitId: caller.membership?.unitId,
    gridIds: caller.membership?.gridIds ?? [],
    memberships: user.memberships,
    ...(user.devKey ? { devKey: user.devKey } : {}),
  };
}
