import type { Role } from '@shared';
import type { Filter } from 'mongodb';
import { collections } from './collections';
import type { MembershipDoc, Runtime, UserDoc } from './types';

/**
 * Members holding `role` in one membership that also matches `where`. The role is repeated outside
 * the $elemMatch so the {memberships.roles} index can narrow to that role's holders: these run on
 * every new wish, and a community's members are mostly residents.
 */
function holding(role: Role, where: Partial<Record<keyof MembershipDoc, string>>): Filter<UserDoc> {
  return { 'memberships.roles': role, memberships: { $elemMatch: { ...where, roles: role } } } as Filter<UserDoc>;
}

/** Who hears about a community's new and escalated wishes. */
export async function secretariesOf(rt: Runtime, communityId: string): Promise<string[]> {
  const users = await collections(rt.db)
    .users.find(holding('secretary', { communityId }), { projection: { _id: 1 } })
    .limit(20)
    .toArray();
  return users.map((u) => u._id);
}

export async function gridWorkersOf(rt: Runtime, communityId: string, gridId?: string): Promise<string[]> {
  if (!gridId) return [];
  const users = await collections(rt.db)
    .users.find(holding('grid_worker', { communityId, gridIds: gridId }), { projection: { _id: 1 } })
    .limit(10)
    .toArray();
  return users.map((u) => u._id);
}

export async function townAdminsOf(rt: Runtime, townId?: string): Promise<string[]> {
  if (!townId) return [];
  const users = await collections(rt.db)
    .users.find(holding('town_admin', { townId }), { projection: { _id: 1 } })
    .limit(20)
    .toArray();
  return users.map((u) => u._id);
}

export async function unitAdminsOf(rt: Runtime, communityId: string, unitId: string): Promise<string[]> {
  const users = await collections(rt.db)
    .users.find(holding('unit_admin', { communityId, unitId }), { projection: { _id: 1 } })
    .limit(10)
    .toArray();
  return users.map((u) => u._id);
}

export async function namesOf(rt: Runtime, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const users = await collections(rt.db).users.find({ _id: { $in: unique } }, { projection: { name: 1 } }).toArray();
  return new Map(users.map((u) => [u._id, u.name]));
}
