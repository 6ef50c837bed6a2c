import type { SimilarWish } from '../actions/outputs';
import { CategoryInfos } from '../enums/categories';
import { slotsFree } from '../lifecycle/rules';
import type { WishEvent } from '../schemas/event';
import type { GeoPoint } from '../schemas/primitives';
import type { Rating, Wish } from '../schemas/wish';
import { canRead, canSeeOwner, viewerRelations, WishRules, type Viewer, type WishFacts } from './audience';
import { ANONYMOUS_NAME, COARSENING_SLACK_M, coarseDistanceM, coarsenCoordinate, maskAddress, maskName, maskPhone, metresBetween, shownDistanceM } from './mask';
import { helperNameOf, type HelperFacts } from './org';
import { WishViewFields, type Shown, type WishViewField } from './policy';

const PUBLIC: Viewer = { kind: 'public' };

export type { PublicViewer, Viewer } from './audience';

/**
 * A wish as one viewer may see it. `contactVisible` says whether phone and address are
 * exact; `ownerId`, `createdBy` and `rating.by` are absent when the owner is anonymous
 * to this viewer.
 */
export type WishView = Omit<Wish, 'ownerId' | 'createdBy' | 'rating'> & {
  ownerId?: string;
  createdBy?: string;
  rating?: Omit<Rating, 'by'> & { by?: string };
  contactVisible: boolean;
  /** Places still free for another helper (lifecycle `slotsFree`). */
  slotsFree: number;
};

const coarsen = (p: GeoPoint): GeoPoint => ({ type: 'Point', coordinates: [coarsenCoordinate(p.coordinates[0]), coarsenCoordinate(p.coordinates[1])] });

/** How each maskable field of a wish is masked. */
const MASKS: Partial<Record<WishViewField, (value: never, wish: Wish) => unknown>> = {
  contactPhone: maskPhone,
  address: maskAddress,
  location: coarsen,
  'beneficiary.phone': maskPhone,
  'beneficiary.name': (name: string, wish) => maskName(name, wish.anonymous),
  ownerName: (name: string, wish) => maskName(name, wish.anonymous),
};

/** What this viewer gets of one declared field (policy.ts `WishViewFields`). */
export function shownTo(field: WishViewField, wish: Wish, entitled: (rule: keyof typeof WishRules) => boolean): Shown {
  const decl = WishViewFields[field];
  if (entitled(decl.rule)) return 'exact';
  return (wish.anonymous && 'anonymous' in decl ? decl.anonymous : decl.otherwise) as Shown;
}

/** The wish as `viewer` may see it (DESIGN.md §7), field by field as policy.ts declares. */
export function viewOf(wish: Wish, viewer: Viewer): WishView {
  const rel = viewerRelations(viewer, wish);
  const entitled = (rule: keyof typeof WishRules) => WishRules[rule](rel, wish);
  const view = { ...wish, contactVisible: entitled('contact'), slotsFree: slotsFree(wish) } as WishView & Record<string, unknown>;
  if (wish.beneficiary) view.beneficiary = { ...wish.beneficiary };
  if (wish.rating) view.rating = { ...wish.rating };
  for (const field of Object.keys(WishViewFields) as WishViewField[]) {
    const [head, tail] = field.split('.') as [string, string | undefined];
    const holder = (tail === undefined ? view : view[head]) as Record<string, unknown> | undefined;
    const key = tail ?? head;
    if (!holder || holder[key] === undefined) continue;
    const shown = shownTo(field, wish, entitled);
    if (shown === 'absent') delete holder[key];
    else if (shown !== 'exact') holder[key] = MASKS[field]!(holder[key] as never, wish);
  }
  return view;
}

/** The stand-in for an anonymous owner in a timeline: `people[ANONYMOUS_ACTOR]` is 匿名居民. */
export const ANONYMOUS_ACTOR = 'anonymous';

export interface WishDetailView {
  wish: WishView;
  events: WishEvent[];
  /** Names of the people in the timeline and claims, as this viewer may see them. */
  people: Record<string, string>;
  /** Phones of the helpers holding places, by user id, for those the `helper_contact` rule lets ring them (else empty). */
  phones: Record<string, string>;
}

/** The phones of the people on the wish's claims (claimer and assignee), when this viewer may ring them. */
function helperPhones(wish: Wish, phones: ReadonlyMap<string, string>, viewer: Viewer): Record<string, string> {
  if (!WishRules.helper_contact(viewerRelations(viewer, wish), wish)) return {};
  const onClaims = new Set(wish.claims.flatMap((c) => [c.claimerId, c.assigneeId]));
  return Object.fromEntries([...phones].filter(([id]) => onClaims.has(id)));
}

/**
 * wishes.detail: the wish, its timeline and the names in it, or null when the viewer
 * may not read it. Where the owner is not to be named, their steps in the timeline
 * are 匿名居民's (anonymous) or carry a masked name.
 */
export function wishDetailOf(
  wish: Wish, events: readonly WishEvent[], names: ReadonlyMap<string, string>, viewer: Viewer, phones: ReadonlyMap<string, string> = new Map(),
): WishDetailView | null {
  if (!canRead(wish, viewer)) return null;
  const people = Object.fromEntries(names);
  const view = viewOf(wish, viewer);
  const helpers = helperPhones(wish, phones, viewer);
  if (canSeeOwner(wish, viewer)) return { wish: view, events: [...events], people, phones: helpers };
  const owner = wish.ownerId;
  if (!wish.anonymous) {
    if (people[owner] !== undefined) people[owner] = maskName(people[owner]);
    return { wish: view, events: [...events], people, phones: helpers };
  }
  delete people[owner];
  const hide = (id: string) => (id === owner ? ANONYMOUS_ACTOR : id);
  const shown = events.map((e): WishEvent => {
    const out = { ...e };
    if (e.actor.kind === 'user' && e.actor.userId === owner) {
      out.actor = { ...e.actor, userId: ANONYMOUS_ACTOR };
      people[ANONYMOUS_ACTOR] = ANONYMOUS_NAME;
    }
    if (e.meta) out.meta = Object.fromEntries(Object.entries(e.meta).map(([k, v]) => [k, hide(v)]));
    return out;
  });
  return { wish: view, events: shown, people, phones: helpers };
}

/** One row of tasks.nearby (DESIGN.md §5): what a volunteer needs to decide, contact masked. */
export interface NearbyItem {
  id: string;
  /** 心愿编号 (shared/wishNumber): public wherever the wish is (the Open311 list gives it too). */
  number?: string;
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
export const NEARBY_SOURCE_FIELDS = ['number', 'title', 'category', 'helpersNeeded', 'claims', 'priority', 'createdAt', 'contactPhone', 'address', 'preferredTime', 'location'] as const;
export type NearbySource = Pick<Wish, 'id' | (typeof NEARBY_SOURCE_FIELDS)[number]>;

/**
 * Rows of a lookup around `from` as a viewer not entitled to the exact location may have them:
 * within `radiusM` of their coarsened point (the store is asked with `COARSENING_SLACK_M` more),
 * nearest coarsened point first. Cut by the exact distance, the edge of the radius would itself
 * measure it: shrink the radius until a wish drops out.
 */
export function nearestByCell<T extends { location: GeoPoint; id?: string; _id?: string }>(rows: readonly T[], from: GeoPoint, radiusM: number): T[] {
  const key = (r: T) => r.id ?? r._id ?? '';
  return rows
    .map((row) => ({ row, d: coarseDistanceM(from.coordinates, row.location.coordinates) }))
    .filter((x) => x.d <= radiusM)
    .sort((a, b) => a.d - b.d || (key(a.row) < key(b.row) ? -1 : key(a.row) > key(b.row) ? 1 : 0))
    .map((x) => x.row);
}

/**
 * The first `limit` rows by cell (`nearestByCell`, those `keep` lets through), from candidates the
 * store picked by exact distance: its `asked` nearest, or all there are when it returned fewer.
 * A wish it left out lies at least as far as the farthest returned, so by cell at most
 * `COARSENING_SLACK_M` nearer: rows nearer than that by cell are settled. `settled: false` means
 * the candidates do not decide the answer (ask for all): a list cut by exact distance would
 * measure it, a wish dropping out as the probe moves.
 */
export function firstByCell<T extends { location: GeoPoint; id?: string; _id?: string }>(
  rows: readonly T[], from: GeoPoint, radiusM: number, limit: number, asked: number, keep: (row: T) => boolean = () => true,
): { rows: T[]; settled: boolean } {
  const ranked = nearestByCell(rows, from, radiusM).filter(keep);
  if (rows.length < asked) return { rows: ranked.slice(0, limit), settled: true };
  const farthest = Math.max(...rows.map((r) => metresBetween(from.coordinates, r.location.coordinates)));
  // 1 m for the store's own rounding of the distance it sorted by.
  const sure = ranked.filter((r) => coarseDistanceM(from.coordinates, r.location.coordinates) < farthest - COARSENING_SLACK_M - 1);
  return { rows: sure.slice(0, limit), settled: sure.length >= limit };
}

/** A row of the pool, for helpers who hold no claim yet: the contact is masked and the distance coarse for everyone (policy.ts `NearbyItemFields`). */
export function nearbyItemOf(wish: NearbySource, from: GeoPoint): NearbyItem {
  const item: NearbyItem = {
    id: wish.id,
    title: wish.title,
    category: wish.category,
    categoryLabel: CategoryInfos[wish.category].label,
    distanceM: shownDistanceM(coarseDistanceM(from.coordinates, wish.location.coordinates)),
    helpersNeeded: wish.helpersNeeded,
    slotsFree: slotsFree(wish),
    priority: wish.priority,
    createdAt: wish.createdAt,
  };
  if (wish.contactPhone !== undefined) item.contactPhone = maskPhone(wish.contactPhone);
  if (wish.address !== undefined) item.address = maskAddress(wish.address);
  if (wish.preferredTime !== undefined) item.preferredTime = wish.preferredTime;
  if (wish.number !== undefined) item.number = wish.number;
  return item;
}

/** What the similar lookup reads from storage: the row, and the facts the `listed` rule needs. */
export const SIMILAR_SOURCE_FIELDS = ['title', 'status', 'createdAt', 'category', 'communityId', 'townId', 'gridId', 'ownerId', 'createdBy', 'claims', 'assignment', 'location'] as const;
export type SimilarSource = Pick<Wish, 'id' | 'title' | 'createdAt' | 'location'> & WishFacts;

/**
 * One duplicate hint, or null when the viewer may not be shown the wish: a plain
 * resident is never shown someone else's wish still pending review (or rejected,
 * cancelled), nor one in a sensitive category (policy.ts `SimilarItemFields`). The distance is
 * coarse for everyone, as in `nearbyItemOf`: a hint needs no more.
 */
export function similarItemOf(wish: SimilarSource, from: GeoPoint, viewer: Viewer): SimilarWish | null {
  if (!WishRules.listed(viewerRelations(viewer, wish), wish)) return null;
  const distanceM = shownDistanceM(coarseDistanceM(from.coordinates, wish.location.coordinates));
  return { id: wish.id, title: wish.title, status: wish.status, createdAt: wish.createdAt, distanceM };
}

/** One card of the public wall (心愿墙). */
export interface WallItem {
  id: string;
  /** 心愿编号 (shared/wishNumber), as on every other screen of the wish. */
  number?: string;
  title: string;
  category: Wish['category'];
  categoryLabel: string;
  status: Wish['status'];
  residentName: string;
  /** Who helped: masked like the resident's name unless the helper chose otherwise (org.ts `helperNameOf`; 志愿者 when unknown). */
  helpers: string[];
  stars?: number;
  comment?: string;
  createdAt: Wish['createdAt'];
  doneAt?: Wish['doneAt'];
  confirmedAt?: Wish['confirmedAt'];
}

/**
 * The wall shows approved, non-sensitive wishes only (the `public` rule); `residentName` is the owner's name masked, or
 * 匿名居民 when they chose anonymity. Null = not on the wall.
 */
export function wallItemOf(wish: Wish, ownerName?: string, helpers: (HelperFacts | undefined)[] = []): WallItem | null {
  if (!WishRules.public(new Set(), wish)) return null;
  const name = ownerName ?? wish.beneficiary?.name;
  const item: WallItem = {
    id: wish.id,
    title: wish.title,
    category: wish.category,
    categoryLabel: CategoryInfos[wish.category].label,
    status: wish.status,
    residentName: maskName(name ?? '', wish.anonymous || !name),
    helpers: helpers.map((h) => helperNameOf(h, PUBLIC)),
    createdAt: wish.createdAt,
  };
  if (wish.rating !== undefined) {
    item.stars = wish.rating.stars;
    if (wish.rating.comment !== undefined) item.comment = wish.rating.comment;
  }
  if (wish.doneAt !== undefined) item.doneAt = wish.doneAt;
  if (wish.confirmedAt !== undefined) item.confirmedAt = wish.confirmedAt;
  if (wish.number !== undefined) item.number = wish.number;
  return item;
}
