import { AppError, memberEntryOf, type Member } from '@shared';
import { actorFor } from './access';
import type { Collection, Document } from 'mongodb';
import { requireCommunity, type Caller } from './caller';
import { newId } from './ids';

/** The secretary manages the community's org; everyone else reads it. */
export function requireSecretary(caller: Caller): string {
  const communityId = requireCommunity(caller);
  if (!caller.roles.includes('secretary')) throw new AppError('FORBIDDEN', '只有社区书记可以管理组织架构');
  return communityId;
}

/** Insert, or update one that belongs to this community (another community's id is "not found"). */
export async function saveInCommunity<T extends Document & { _id: string; communityId: string }>(
  coll: Collection<T>,
  communityId: string,
  id: string | undefined,
  fields: Partial<T>,
  unset: Record<string, ''> = {},
): Promise<T> {
  if (!id) {
    const doc = { ...fields, _id: newId(), communityId } as unknown as T;
    await coll.insertOne(doc as never);
    return doc;
  }
  const update: Document = { $set: fields };
  if (Object.keys(unset).length) update.$unset = unset;
  const after = await coll.findOneAndUpdate({ _id: id, communityId } as never, update, { returnDocument: 'after' });
  if (!after) throw new AppError('NOT_FOUND', '记录不存在');
  return after as unknown as T;
}

export function withId<T extends { _id: string }>({ _id, ...rest }: T): Omit<T, '_id'> & { id: string } {
  return { id: _id, ...rest };
}

export async function requireMember(users: Collection<Document>, communityId: string, userId: string, path: string): Promise<void> {
  const found = await users.findOne({ _id: userId as never, 'memberships.communityId': communityId });
  if (!found) throw new AppError('VALIDATION_FAILED', '该用户不是本社区成员', { fields: [{ path, message: '不是本社区成员' }] });
}

/** A person as the community's member list shows them to this caller (shared/privacy `memberEntryOf`). */
export function memberOf(u: Pick<import('./types').UserDoc, '_id' | 'name' | 'phone' | 'memberships'>, communityId: string, caller: Caller): Member {
  const here = u.memberships.find((x) => x.communityId === communityId);
  const member: Member = {
    user: { id: u._id, name: u.name, ...(u.phone ? { phone: u.phone } : {}) },
    roles: here?.roles ?? [],
    ...(here?.unitId ? { unitId: here.unitId } : {}),
    gridIds: here?.gridIds ?? [],
    ...(here?.partyBranchId ? { partyBranchId: here.partyBranchId } : {}),
  };
  return memberEntryOf(member, communityId, actorFor(caller, { communityId }));
}
