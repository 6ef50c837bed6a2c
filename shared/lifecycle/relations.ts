import { HelperRoles, type Role } from '../enums/roles';
import type { User } from '../schemas/user';
import type { Wish } from '../schemas/wish';

/**
 * How an actor stands to one wish. Permissions in the transition table are
 * granted to relations, never to bare roles, so "a volunteer of another
 * community" or "the secretary of another community" simply has none.
 */
export const Relations = [
  /** The resident the wish is for (the poster, or the beneficiary of a proxy entry). */
  'owner',
  /**
   * The family member a member posted the wish for (时间银行: their hours pay for help to a named family member,
   * `beneficiary.userId`), when not the owner. The help is theirs: they see the wish as its owner does, and say
   * whether it was done and how well (confirm, dispute, rate) and nudge it; the owner, whose hours pay for it,
   * alone edits, cancels or resubmits it.
   */
  'beneficiary',
  /** Secretary / staff of the wish's community. */
  'staff',
  /** Grid worker of the wish's grid: may triage (approve, reject, assign, edit while pending). */
  'grid_staff',
  /** Holds a live claim. */
  'claimer',
  /** A pending assignment names this user, or a unit's claim was handed to them. */
  'assignee',
  /** unit_admin of the unit that holds a claim or a pending assignment. */
  'unit_admin_of_claiming_unit',
  /** Any volunteer / party member / unit member of the community, other than the owner. */
  'volunteer',
  /** town_admin of the town above the community: reads, receives escalations, and supervises (督办: urge, reassign, townAssign). */
  'town',
  /** The timer (cron.tick): lease expiry, auto-confirm, escalation. */
  'system',
] as const;

export type Relation = (typeof Relations)[number];

export interface SystemActor {
  kind: 'system';
}

/** A signed-in person, with the roles they hold in one community (or town). */
export interface UserActor {
  kind: 'user';
  userId: string;
  communityId?: string;
  townId?: string;
  roles: readonly Role[];
  gridIds?: readonly string[];
  unitId?: string;
  partyBranchId?: string;
  /**
   * Units this person administers in another community of the same town: the town's 督办 can dispatch a wish to a
   * town-level unit wherever it waits, and its admin answers for it there (and for nothing else of that community).
   */
  townUnitIds?: readonly string[];
}

export type Actor = SystemActor | UserActor;

export const SYSTEM: SystemActor = { kind: 'system' };

/**
 * The actor a user is within `communityId` (and, for town_admin, `townId`):
 * roles from the matching memberships, merged.
 */
export function actorOf(user: Pick<User, 'id' | 'memberships'>, communityId: string, townId?: string): UserActor {
  const roles = new Set<Role>();
  const gridIds = new Set<string>();
  const actor: UserActor = { kind: 'user', userId: user.id, communityId, roles: [] };
  if (townId !== undefined) actor.townId = townId;
  const townUnits = new Set<string>();
  for (const m of user.memberships) {
    const here = m.communityId === communityId;
    const sameTown = !here && m.communityId !== undefined && townId !== undefined && m.townId === townId;
    if (sameTown && m.unitId !== undefined && m.roles.includes('unit_admin')) townUnits.add(m.unitId);
    const town = m.communityId === undefined && townId !== undefined && m.townId === townId;
    if (!here && !town) continue;
    for (const r of m.roles) if (here || r === 'town_admin') roles.add(r);
    if (!here) continue;
    for (const g of m.gridIds ?? []) gridIds.add(g);
    if (m.unitId !== undefined) actor.unitId = m.unitId;
    if (m.partyBranchId !== undefined) actor.partyBranchId = m.partyBranchId;
  }
  actor.roles = [...roles];
  if (gridIds.size > 0) actor.gridIds = [...gridIds];
  if (townUnits.size > 0) actor.townUnitIds = [...townUnits];
  return actor;
}

/** The units whose claims this actor answers for as their admin: their own, and town-level ones of the town (`townUnitIds`). */
export function unitsAdministeredBy(actor: Actor): string[] {
  if (actor.kind === 'system') return [];
  return [...(actor.unitId !== undefined && actor.roles.includes('unit_admin') ? [actor.unitId] : []), ...(actor.townUnitIds ?? [])];
}

type WishRelationFacts = Pick<Wish, 'communityId' | 'ownerId' | 'claims'> &
  Partial<Pick<Wish, 'townId' | 'gridId' | 'assignment'>> & { beneficiary?: { userId?: string } };

/** The residents a wish is for: who sees it as theirs and answers for the help (confirm, dispute, rate, nudge). */
export const FOR_WHOM = ['owner', 'beneficiary'] as const satisfies readonly Relation[];

/** Which of FOR_WHOM this person is to the wish, if any: what relationsOf, and the dispatch rules (dispatchTargets), read. */
export function forWhomOf(wish: Pick<WishRelationFacts, 'ownerId' | 'beneficiary'>, userId: string): (typeof FOR_WHOM)[number] | undefined {
  if (wish.ownerId === userId) return 'owner';
  if (wish.beneficiary?.userId !== undefined && wish.beneficiary.userId === userId) return 'beneficiary';
  return undefined;
}

/** The people FOR_WHOM names on this wish, by id: who hears how the help goes, and whom a story about it is asked of. */
export function forWhomIds(wish: Pick<WishRelationFacts, 'ownerId' | 'beneficiary'>): string[] {
  const beneficiary = wish.beneficiary?.userId;
  return beneficiary !== undefined && beneficiary !== wish.ownerId ? [wish.ownerId, beneficiary] : [wish.ownerId];
}

export function relationsOf(actor: Actor, wish: WishRelationFacts): Set<Relation> {
  const out = new Set<Relation>();
  if (actor.kind === 'system') {
    out.add('system');
    return out;
  }
  const me = actor.userId;
  const has = (r: Role) => actor.roles.includes(r);
  const inCommunity = actor.communityId === wish.communityId;
  const target = wish.assignment?.target;

  const forWhom = forWhomOf(wish, me);
  if (forWhom) out.add(forWhom);
  if (inCommunity && has('secretary')) out.add('staff');
  if (inCommunity && has('grid_worker') && wish.gridId !== undefined && (actor.gridIds ?? []).includes(wish.gridId)) {
    out.add('grid_staff');
  }
  if (wish.claims.some((c) => c.claimerId === me)) out.add('claimer');
  if (
    (target?.kind === 'user' && target.id === me) ||
    wish.claims.some((c) => c.assigneeId === me && c.claimerId !== me)
  ) {
    out.add('assignee');
  }
  const holdsUnit = (unit: string) => wish.claims.some((c) => c.kind === 'unit' && c.unitId === unit) || (target?.kind === 'unit' && target.id === unit);
  if (inCommunity && has('unit_admin') && actor.unitId !== undefined && holdsUnit(actor.unitId)) out.add('unit_admin_of_claiming_unit');
  if ((actor.townUnitIds ?? []).some(holdsUnit)) out.add('unit_admin_of_claiming_unit');
  const helper = HelperRoles.some((r) => has(r)) || actor.unitId !== undefined;
  // Nobody helps with the wish they are helped by.
  if (inCommunity && helper && !out.has('owner') && !out.has('beneficiary')) out.add('volunteer');
  if (has('town_admin') && actor.townId !== undefined && wish.townId === actor.townId) out.add('town');
  return out;
}
