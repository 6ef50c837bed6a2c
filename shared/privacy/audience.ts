import { isSensitiveCategory } from '../enums/categories';
import type { WishState } from '../enums/wishStates';
import { FOR_WHOM, relationsOf, type Actor, type Relation } from '../lifecycle/relations';
import type { Wish } from '../schemas/wish';

/**
 * Who a viewer is to a wish, and the named rules of DESIGN.md §7 built on it. Every
 * "may this person see X" question of `shared/privacy` is one of the rules below;
 * the reply builders (view.ts, org.ts) only apply them.
 */

/** Someone reading the public wall, signed in or not. */
export interface PublicViewer {
  kind: 'public';
}

export type Viewer = Actor | PublicViewer;

/**
 * The lifecycle's relations (`relationsOf`), plus one only privacy needs:
 * `entered_by`, the staff member who typed a proxy entry in for someone (they
 * know the person; they may read what they entered).
 */
export type ViewerRelation = Relation | 'entered_by';

/** What the rules need to know of a wish. */
export type WishFacts = Pick<Wish, 'communityId' | 'ownerId' | 'createdBy' | 'claims' | 'status' | 'category'> &
  Partial<Pick<Wish, 'townId' | 'gridId' | 'assignment'>> & { beneficiary?: { userId?: string } };

export function viewerRelations(viewer: Viewer, wish: WishFacts): Set<ViewerRelation> {
  if (viewer.kind === 'public') return new Set();
  const rel: Set<ViewerRelation> = relationsOf(viewer, wish);
  if (viewer.kind === 'user' && wish.createdBy === viewer.userId && wish.ownerId !== viewer.userId) rel.add('entered_by');
  return rel;
}

/** Whom the wish is for: its owner, and the family member it was posted for (lifecycle `FOR_WHOM`). */
export const RESIDENTS: readonly ViewerRelation[] = FOR_WHOM;
/** Staff of the wish: the community's secretary, or the grid worker of its grid. */
export const STAFF: readonly ViewerRelation[] = ['staff', 'grid_staff'];
/** Whoever holds the work: a claimer, the member it was handed or assigned to, the unit's admin. */
export const WORKERS: readonly ViewerRelation[] = ['claimer', 'assignee', 'unit_admin_of_claiming_unit'];
/** While work is held: helpers see the contact only then, not before and not after. */
export const WORK_STATES: ReadonlySet<WishState> = new Set(['open', 'assigned', 'claimed', 'in_progress']);
/** While someone helps, and until the resident confirms: whom the owner and staff may ring about the work. */
export const HELPER_CONTACT_STATES: ReadonlySet<WishState> = new Set([...WORK_STATES, 'done']);
/** Approved and not withdrawn: the states a wish may be shown in to people it is not theirs. */
export const PUBLISHED_STATES: ReadonlySet<WishState> = new Set(['open', 'assigned', 'claimed', 'in_progress', 'done', 'confirmed']);

const any = (rel: ReadonlySet<ViewerRelation>, list: readonly ViewerRelation[]) => list.some((r) => rel.has(r));

/** The rules, by name: each says whether a viewer standing in `rel` to `wish` is entitled. */
export const WishRules = {
  /** Phone, exact address, exact position: the owner, staff, and the helper while holding the work. */
  contact: (rel: ReadonlySet<ViewerRelation>, wish: WishFacts) =>
    any(rel, RESIDENTS) || any(rel, STAFF) || (WORK_STATES.has(wish.status) && any(rel, WORKERS)),
  /**
   * Who the owner is (full name, user ids): the owner, staff, whoever entered it, and
   * whoever holds the work. Anyone else gets a masked name, and nothing at all of an
   * anonymous owner (DESIGN.md §7: "names its owner to nobody but staff and the current claimer").
   */
  identity: (rel: ReadonlySet<ViewerRelation>) => any(rel, RESIDENTS) || rel.has('entered_by') || any(rel, STAFF) || any(rel, WORKERS),
  /**
   * Whether a wish is shown at all in a list that isn't the viewer's own (duplicate hints):
   * its owner, whoever entered it and staff always; anyone else only once it is approved,
   * and never a sensitive one (legal aid, mediation, medical).
   */
  listed: (rel: ReadonlySet<ViewerRelation>, wish: WishFacts) =>
    any(rel, RESIDENTS) || rel.has('entered_by') || any(rel, STAFF) || (PUBLISHED_STATES.has(wish.status) && !isSensitiveCategory(wish.category)),
  /** What anyone at all may be shown, the public wall included: approved, and not sensitive. */
  public: (_rel: ReadonlySet<ViewerRelation>, wish: WishFacts) => PUBLISHED_STATES.has(wish.status) && !isSensitiveCategory(wish.category),
  /**
   * A helper's phone on a wish they hold (wishes.detail `phones`): the wish's owner, whoever entered it for them, and
   * staff, from the claim until the owner confirms. Not other helpers, and not once the work is over.
   */
  helper_contact: (rel: ReadonlySet<ViewerRelation>, wish: WishFacts) =>
    HELPER_CONTACT_STATES.has(wish.status) && (any(rel, RESIDENTS) || rel.has('entered_by') || any(rel, STAFF)),
  /** Nobody sees it exactly (the hall and the wall: everything masked). */
  nobody: () => false,
} as const;

export type WishRule = keyof typeof WishRules;

export function entitled(rule: WishRule, wish: WishFacts, viewer: Viewer): boolean {
  return WishRules[rule](viewerRelations(viewer, wish), wish);
}

/** Phone and exact address: the owner, staff of the community, and the current claimer or assignee. */
export function canSeeContact(wish: WishFacts, viewer: Viewer): boolean {
  return entitled('contact', wish, viewer);
}

/** Whether the viewer may know who the owner is. */
export function canSeeOwner(wish: WishFacts, viewer: Viewer): boolean {
  return entitled('identity', wish, viewer);
}

/**
 * Who may open a wish's detail and timeline (wishes.detail): the owner, staff, whoever
 * entered it, the claimer or assignee, the town above, and volunteers of the community
 * while it is open in the pool (to decide whether to claim).
 */
export function canRead(wish: WishFacts, viewer: Viewer): boolean {
  const rel = viewerRelations(viewer, wish);
  if (any(rel, RESIDENTS) || rel.has('entered_by') || rel.has('town') || any(rel, STAFF) || any(rel, WORKERS)) return true;
  return rel.has('volunteer') && wish.status === 'open';
}
