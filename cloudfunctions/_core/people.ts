import { collections } from './store/collections';
import type { Runtime } from './types';

/** Who hears about a community's new and escalated wishes. */
export async function secretariesOf(rt: Runtime, communityId: string): Promise<string[]> {
  const users = await collections(rt.db)
    .users.find({ memberships: { $elemMatch: { communityId, roles: 'secretary' } } }, { projection: { _id: 1 } })
    .limit(20)
    .toArray();
  return users.map((u) => u._id);
}

export async function gridWorkersOf(rt: Runtime, communityId: string, gridId?: string): Promise<string[]> {
  if (!gridId) return [];
  const users = await collections(rt.db)
    .users.find({ memberships: { $elemMatch: { communityId, roles: 'grid_worker', gridIds: gridId } } }, { projection: { _id: 1 } })
    .limit(10)
    .toArray();
  return users.map((u) => u._id);
}

export async function townAdminsOf(rt: Runtime, townId?: string): Promise<string[]> {
  if (!townId) return [];
  const users = await collections(rt.db)
    .users.find({ memberships: { $elemMatch: { townId, roles: 'town_admin' } } }, { projection: { _id: 1 } })
    .limit(20)
    .toArray();
  return users.map((u) => u._id);
}

export async function unitAdminsOf(rt: Runtime, communityId: string, unitId: string): Promise<string[]> {
  const users = await collections(rt.db)
    .users.find({ memberships: { $elemMatch: { communityId, unitId, roles: 'unit_admin' } } }, { projection: { _id: 1 } })
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
