import { AppError, Wish, communityCodeOf, createWish, creationEvent, formatWishNumber, wishNumberYear, type Channel, type GeoPoint, type Priority, type Role } from '@shared';
import type { CreateWishInput } from '@shared/actions';
import type * as z from 'zod';
import { actorFor } from '../access/wishAccess';
import type { Caller } from '../access/caller';
import { newId } from '../store/ids';
import { storedBy } from '../store/stored';
import type { CommunityDoc, WishDoc, WishEventDoc } from '../store/types';
import type { Runtime } from '../runtime/types';
import { countWish } from '../stats/counters';

/** What the poster (or staff entering for someone) fills in: the create form. */
export type WishFields = z.output<typeof CreateWishInput>;

/**
 * A wish's grid comes from its building or, failing that, its location: the grid of the nearest
 * building that has one. A building of another community is refused.
 */
export async function gridOfWish(rt: Runtime, communityId: string, f: { buildingId?: string | null; location?: GeoPoint }): Promise<string | undefined> {
  return (await gridOfBuilding(rt, communityId, f.buildingId)) ?? (f.location ? rt.repos.org.nearestGrid(communityId, f.location) : undefined);
}

/** The grid follows the building; a building of another community is refused. */
export async function gridOfBuilding(rt: Runtime, communityId: string, buildingId?: string | null): Promise<string | undefined> {
  if (!buildingId) return undefined;
  const building = await rt.repos.org.building(communityId, buildingId);
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

/**
 * Builds (shared/lifecycle `createWish`) and stores a wish in `pending_review` with its creation event and its
 * number (心愿编号), the community's next of the year, taken by one atomic step outside the insert's transaction
 * (store/wishNumbers): two posts at once never share a number, and a post that rolls back leaves a gap.
 * Every way a wish comes to be (a resident's post, for themself or a family member and paid by hours or not, and
 * staff's proxy entry) comes through here.
 */
export async function insertWish(rt: Runtime, n: NewWish): Promise<WishDoc> {
  const now = rt.now();
  const { community, caller } = n;
  const gridId = await gridOfWish(rt, community._id, n.fields);
  return rt.repos.inTransaction(async (repos) => {
    const year = wishNumberYear(now);
    const seq = await repos.wishNumbers.take(community._id, year);
    const wish = createWish(n.fields, {
      id: newId(),
      number: formatWishNumber(communityCodeOf(community), year, seq),
      communityId: community._id,
      townId: community.townId,
      ownerId: n.ownerId,
      ownerName: n.ownerName,
      createdBy: caller.id,
      channel: n.channel,
      priority: n.priority,
      gridId,
      beneficiary: n.beneficiary,
      now,
    });
    const event: WishEventDoc = { ...creationEvent(wish, actorFor(caller, wish), now, n.role), id: newId() };
    const { id, ...fields } = storedBy(Wish, wish);
    const doc: WishDoc = { ...fields, _id: id, rev: 0, slotsFree: wish.helpersNeeded, events: [event] };
    await repos.wishes.insert(doc);
    // Counted as collected once the insert commits (stats/counters).
    await countWish(repos, null, doc);
    return doc;
  });
}
