import { AppError, type AssignTarget, type Channel, type Priority, type WishState } from '@shared';
import type { Caller } from './caller';
import { collections } from './store/collections';
import { newId } from './ids';
import { actorDoc, makeEvent } from './wishStore';
import type { CommunityDoc, Runtime, WishDoc } from './types';
import type { Role } from '@shared';

export interface WishFields {
  category: WishDoc['category'];
  title: string;
  description: string;
  location: WishDoc['location'];
  address?: string;
  buildingId?: string;
  contactPhone?: string;
  preferredTime?: { from: string; to: string };
  helpersNeeded: number;
  anonymous: boolean;
}

/** The grid follows the building; a building of another community is refused. */
export async function gridOfBuilding(rt: Runtime, communityId: string, buildingId?: string | null): Promise<string | undefined> {
  if (!buildingId) return undefined;
  const building = await collections(rt.db).buildings.findOne({ _id: buildingId, communityId });
  if (!building) throw new AppError('VALIDATION_FAILED', '楼栋不存在', { fields: [{ path: 'buildingId', message: '本社区没有这个楼栋' }] });
  return building.gridId;
}

export async function checkWishText(rt: Runtime, caller: Caller, f: { title?: string; description?: string; address?: string | null }): Promise<void> {
  await rt.content.check({ title: f.title, description: f.description, address: f.address ?? undefined }, caller.user.openid);
}

export interface NewWish {
  fields: WishFields;
  community: CommunityDoc;
  caller: Caller;
  role?: Role;
  ownerId: string;
  ownerName?: string;
  channel: Channel;
  priority: Priority;
  beneficiary?: WishDoc['beneficiary'];
}

/** Builds and stores a wish in `pending_review` with its creation event. */
export async function insertWish(rt: Runtime, n: NewWish): Promise<WishDoc> {
  const now = rt.now();
  const gridId = await gridOfBuilding(rt, n.community._id, n.fields.buildingId);
  const _id = newId();
  const status: WishState = 'pending_review';
  const wish: WishDoc = {
    _id,
    communityId: n.community._id,
    townId: n.community.townId,
    ...stripUndefined(n.fields),
    ...(gridId ? { gridId } : {}),
    slotsFree: n.fields.helpersNeeded,
    channel: n.channel,
    priority: n.priority,
    status,
    ownerId: n.ownerId,
    ...(n.ownerName ? { ownerName: n.ownerName } : {}),
    createdBy: n.caller.id,
    ...(n.beneficiary ? { beneficiary: stripUndefined(n.beneficiary) } : {}),
    claims: [],
    createdAt: now,
    updatedAt: now,
    rev: 0,
    events: [],
  };
  wish.events.push(makeEvent(wish, 'create', actorDoc(n.caller, n.role), null, status, now, { meta: { channel: n.channel } }));
  await collections(rt.db).wishes.insertOne(wish);
  return wish;
}

export function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;
}

export type { AssignTarget };
