import { CategoryInfos, isPublicOnWall } from '../enums/categories';
import { relationsOf, type Actor, type Relation } from '../lifecycle/relations';
import { slotsFree } from '../lifecycle/rules';
import type { Wish } from '../schemas/wish';
import { coarsenCoordinate, maskAddress, maskName, maskPhone } from './mask';

/** Someone reading the public wall, signed in or not. */
export interface PublicViewer {
  kind: 'public';
}

export type Viewer = Actor | PublicViewer;

/** A wish as one viewer may see it; `contactVisible` says whether phone and address are exact. */
export type WishView = Wish & { contactVisible: boolean };

const ALWAYS_EXACT: readonly Relation[] = ['owner', 'staff', 'grid_staff'];
const WORKERS: readonly Relation[] = ['claimer', 'assignee', 'unit_admin_of_claiming_unit'];
/** Helpers see the exact contact only while they hold the work, not before and not after. */
const WORK_STATES = new Set(['open', 'assigned', 'claimed', 'in_progress']);

function relationsFor(viewer: Viewer, wish: Wish): Set<Relation> {
  return viewer.kind === 'public' ? new Set() : relationsOf(viewer, wish);
}

/** Phone and exact address: the owner, staff of the community, and the current claimer or assignee. */
export function canSeeContact(wish: Wish, viewer: Viewer): boolean {
  const rel = relationsFor(viewer, wish);
  if (ALWAYS_EXACT.some((r) => rel.has(r))) return true;
  return WORK_STATES.has(wish.status) && WORKERS.some((r) => rel.has(r));
}

/**
 * Who may open a wish's detail and timeline (wishes.detail): the owner, staff,
 * the claimer or assignee, the town above, and volunteers of the community
 * while it is open in the pool (to decide whether to claim).
 */
export function canRead(wish: Wish, viewer: Viewer): boolean {
  const rel = relationsFor(viewer, wish);
  if ([...ALWAYS_EXACT, ...WORKERS, 'town' as const].some((r) => rel.has(r))) return true;
  return rel.has('volunteer') && wish.status === 'open';
}

/** The wish as `viewer` may see it (DESIGN.md §7). */
export function viewOf(wish: Wish, viewer: Viewer): WishView {
  const exact = canSeeContact(wish, viewer);
  const view: WishView = { ...wish, contactVisible: exact };
  if (exact) return view;
  if (view.contactPhone !== undefined) view.contactPhone = maskPhone(view.contactPhone);
  if (view.address !== undefined) view.address = maskAddress(view.address);
  const [lng, lat] = wish.location.coordinates;
  view.location = { type: 'Point', coordinates: [coarsenCoordinate(lng), coarsenCoordinate(lat)] };
  if (wish.beneficiary !== undefined) {
    view.beneficiary = { name: maskName(wish.beneficiary.name, wish.anonymous) };
    if (wish.beneficiary.phone !== undefined) view.beneficiary.phone = maskPhone(wish.beneficiary.phone);
  }
  return view;
}

/** One row of tasks.nearby (DESIGN.md §5): what a volunteer needs to decide, contact masked. */
export interface NearbyItem {
  id: string;
  title: string;
  category: Wish['category'];
  categoryLabel: string;
  distanceM: number;
  contactPhone?: string;
  address?: string;
  helpersNeeded: number;
  slotsFree: number;
  priority: Wish['priority'];
  preferredTime?: Wish['preferredTime'];
  createdAt: Wish['createdAt'];
}

/** The fields a nearby row is made of: the hall reads only these from storage. */
export const NEARBY_SOURCE_FIELDS = ['title', 'category', 'helpersNeeded', 'claims', 'priority', 'createdAt', 'contactPhone', 'address', 'preferredTime'] as const;
export type NearbySource = Pick<Wish, 'id' | (typeof NEARBY_SOURCE_FIELDS)[number]>;

export function nearbyItemOf(wish: NearbySource, distanceM: number): NearbyItem {
  const item: NearbyItem = {
    id: wish.id,
    title: wish.title,
    category: wish.category,
    categoryLabel: CategoryInfos[wish.category].label,
    distanceM: Math.round(distanceM),
    helpersNeeded: wish.helpersNeeded,
    slotsFree: slotsFree(wish),
    priority: wish.priority,
    createdAt: wish.createdAt,
  };
  if (wish.contactPhone !== undefined) item.contactPhone = maskPhone(wish.contactPhone);
  if (wish.address !== undefined) item.address = maskAddress(wish.address);
  if (wish.preferredTime !== undefined) item.preferredTime = wish.preferredTime;
  return item;
}

/** One card of the public wall (心愿墙). */
export interface WallItem {
  id: string;
  title: string;
  category: Wish['category'];
  categoryLabel: string;
  status: Wish['status'];
  residentName: string;
  stars?: number;
  comment?: string;
  createdAt: Wish['createdAt'];
  confirmedAt?: Wish['confirmedAt'];
}

const WALL_STATES = new Set(['open', 'assigned', 'claimed', 'in_progress', 'done', 'confirmed']);

/**
 * The wall shows approved, non-sensitive wishes only; `residentName` is the
 * owner's name masked, or 匿名居民 when they chose anonymity. Null = not on the wall.
 */
export function wallItemOf(wish: Wish, ownerName?: string): WallItem | null {
  if (!isPublicOnWall(wish.category) || !WALL_STATES.has(wish.status)) return null;
  const name = ownerName ?? wish.beneficiary?.name;
  const item: WallItem = {
    id: wish.id,
    title: wish.title,
    category: wish.category,
    categoryLabel: CategoryInfos[wish.category].label,
    status: wish.status,
    residentName: maskName(name ?? '', wish.anonymous || !name),
    createdAt: wish.createdAt,
  };
  if (wish.rating !== undefined) {
    item.stars = wish.rating.stars;
    if (wish.rating.comment !== undefined) item.comment = wish.rating.comment;
  }
  if (wish.confirmedAt !== undefined) item.confirmedAt = wish.confirmedAt;
  return item;
}
