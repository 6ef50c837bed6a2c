import { HelperRoles, UNIT_ACCEPTOR_ROLE, answersForUnit, membershipActive, type HelperFacts, type Role } from '@shared';
import { MongoServerError, type Collection, type Filter } from 'mongodb';
import { nextCursor, pageFilter } from './page';
import type { MembershipDoc, UserDoc } from './types';

/** Whose membership a role lookup means: a community's (optionally one grid or unit of it), or a town's. */
export type RoleScope = { communityId: string; gridIds?: string; unitId?: string } | { townId: string };

export interface MemberQuery {
  role?: Role;
  unitId?: string;
  gridId?: string;
  /** Part of the name, matched literally. */
  q?: string;
  cursor?: string;
  limit: number;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const DUPLICATE_KEY = 11000;

/**
 * A membership in force: not deactivated by its secretary (shared/org `membershipActive`). Everyone the product
 * reaches out to — dispatch targets, helpers on duty or on a call list, those told of a step — is looked for
 * among these; the member list and the person's own record keep the deactivated too.
 */
const ACTIVE = { deactivated: { $exists: false } } as const;

/** People: every query of the users collection goes through here. */
export class UserRepository {
  constructor(private readonly coll: Collection<UserDoc>) {}

  find(id: string): Promise<UserDoc | null> {
    return this.coll.findOne({ _id: id });
  }

  /** The user of a WeChat openid, created member-less on first sight by `create`. */
  async ofOpenid(openid: string, create: () => UserDoc): Promise<UserDoc> {
    const found = await this.coll.findOne({ openid });
    if (found) return found;
    const user = create();
    try {
      await this.coll.insertOne(user);
      return user;
    } catch (err) {
      // Two first calls at once: the unique openid index lets one insert win.
      if (err instanceof MongoServerError && err.code === DUPLICATE_KEY) return (await this.coll.findOne({ openid }))!;
      throw err;
    }
  }

  /** The one member of the community with this phone; none when nobody or several have it. */
  async onlyMemberWithPhone(communityId: string, phone: string): Promise<UserDoc | null> {
    const found = await this.coll.find({ phone, 'memberships.communityId': communityId }).limit(2).toArray();
    return found.length === 1 ? found[0] : null;
  }

  /** The one person registered with this phone number (null when none, or more than one, is). */
  async onlyUserWithPhone(phone: string): Promise<UserDoc | null> {
    const found = await this.coll.find({ phone }).limit(2).toArray();
    return found.length === 1 ? found[0] : null;
  }

  /** A member of the community (any role). */
  memberOf(communityId: string, userId: string): Promise<UserDoc | null> {
    return this.coll.findOne({ _id: userId, 'memberships.communityId': communityId });
  }

  /** A party member, volunteer or unit member of the community, active or not (the dispatch check says which). */
  helperOf(communityId: string, userId: string): Promise<UserDoc | null> {
    return this.coll.findOne({ _id: userId, memberships: { $elemMatch: { communityId, roles: { $in: [...HelperRoles] } } } });
  }

  /** A member of a co-building unit of the community, active or not (the handover check says which). */
  unitMemberOf(communityId: string, unitId: string | undefined, userId: string): Promise<UserDoc | null> {
    return this.coll.findOne({ _id: userId, memberships: { $elemMatch: { communityId, unitId } } });
  }

  /**
   * Whether anyone answers for this unit of the community now (shared `answersForUnit`: an active admin of it): a unit
   * nobody answers for can't accept a dispatch. The query only narrows to the unit's admins; the rule decides.
   */
  async unitCanAccept(communityId: string, unitId: string): Promise<boolean> {
    const admins = await this.coll
      .find({ memberships: { $elemMatch: { communityId, unitId, roles: UNIT_ACCEPTOR_ROLE, ...ACTIVE } } }, { projection: { memberships: 1 } })
      .limit(1)
      .toArray();
    return admins.some((u) => u.memberships.some((m) => m.communityId === communityId && answersForUnit(m, unitId)));
  }

  /** Up to `limit` active helpers (party members, volunteers, unit admins) of the community, with where they live. */
  helpersOf(communityId: string, limit: number): Promise<Pick<UserDoc, '_id' | 'name' | 'phone' | 'memberships'>[]> {
    return this.coll
      .find({ memberships: { $elemMatch: { communityId, roles: { $in: [...HelperRoles] }, ...ACTIVE } } }, { projection: { name: 1, phone: 1, memberships: 1 } })
      .limit(limit)
      .toArray();
  }

  /** Those of these people who are active helpers of the community, with their memberships (where they live). */
  helpersAmong(communityId: string, ids: string[]): Promise<Pick<UserDoc, '_id' | 'memberships'>[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.coll
      .find({ _id: { $in: ids }, memberships: { $elemMatch: { communityId, roles: { $in: [...HelperRoles] }, ...ACTIVE } } }, { projection: { memberships: 1 } })
      .toArray();
  }

  /** A seeded demo person (local mode's dev-login). */
  byDevKey(key: string): Promise<UserDoc | null> {
    return this.coll.findOne({ devKey: key });
  }

  /** The seeded demo people, for the login page's list. */
  demoPeople(): Promise<Pick<UserDoc, '_id' | 'devKey' | 'name' | 'memberships'>[]> {
    return this.coll.find({ devKey: { $type: 'string' } }, { projection: { devKey: 1, name: 1, memberships: 1 } }).sort({ devKey: 1 }).toArray();
  }

  /** Only the memberships of some people (what a service record is counted for). */
  membershipsOf(ids: string[]): Promise<Pick<UserDoc, '_id' | 'memberships'>[]> {
    return this.coll.find({ _id: { $in: ids } }, { projection: { memberships: 1 } }).toArray();
  }

  /** The ids of up to `limit` active holders of a role (only among `ids` when given): who hears of a step, whom staff reach. */
  async withRole(scope: RoleScope, role: Role, limit: number, ids?: readonly string[]): Promise<string[]> {
    const among = ids ? { _id: { $in: [...ids] } } : {};
    const users = await this.coll.find({ ...among, memberships: { $elemMatch: { ...scope, roles: role, ...ACTIVE } } }, { projection: { _id: 1 } }).limit(limit).toArray();
    return users.map((u) => u._id);
  }

  async names(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const users = await this.coll.find({ _id: { $in: unique } }, { projection: { name: 1 } }).toArray();
    return new Map(users.map((u) => [u._id, u.name]));
  }

  /** The phones of these people, by id (those who gave one); shared/privacy decides who may have them. */
  async phones(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const users = await this.coll.find({ _id: { $in: unique } }, { projection: { phone: 1 } }).toArray();
    return new Map(users.flatMap((u) => (u.phone ? [[u._id, u.phone] as [string, string]] : [])));
  }

  /** Helpers as the wall and the leaderboard name them: the name, their choice, and where they serve. */
  async helperNames(ids: string[]): Promise<Map<string, HelperFacts>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const users = await this.coll.find({ _id: { $in: unique } }, { projection: { name: 1, showFullName: 1, memberships: 1 } }).toArray();
    return new Map(
      users.map((u) => {
        const here = u.memberships.find((m) => m.communityId !== undefined);
        return [u._id, { userId: u._id, name: u.name, ...(u.showFullName ? { showFullName: true } : {}), ...(here ? { communityId: here.communityId, townId: here.townId } : {}) }];
      }),
    );
  }

  /** The community the person acts in, when they belong to it; null otherwise. */
  actIn(userId: string, communityId: string, at: Date): Promise<UserDoc | null> {
    return this.coll.findOneAndUpdate(
      { _id: userId, 'memberships.communityId': communityId },
      { $set: { actingCommunityId: communityId, updatedAt: at } },
      { returnDocument: 'after' },
    );
  }

  /** The person's own choices (org.updateMe). */
  setChoices(userId: string, choices: { showFullName: boolean }, at: Date): Promise<UserDoc | null> {
    return this.coll.findOneAndUpdate({ _id: userId }, { $set: { ...choices, updatedAt: at } }, { returnDocument: 'after' });
  }

  /** A community's members, newest first, by role, unit, grid or part of the name. */
  async members(communityId: string, q: MemberQuery): Promise<{ items: Pick<UserDoc, '_id' | 'name' | 'phone' | 'memberships'>[]; nextCursor?: string }> {
    const m: Record<string, unknown> = { communityId };
    if (q.role) m.roles = q.role;
    if (q.unitId) m.unitId = q.unitId;
    if (q.gridId) m.gridIds = q.gridId;
    const filter: Filter<UserDoc> = { memberships: { $elemMatch: m }, ...pageFilter<UserDoc>(q.cursor) };
    if (q.q) filter.name = { $regex: escapeRegex(q.q) };
    const items = await this.coll.find(filter, { projection: { name: 1, phone: 1, memberships: 1 } }).sort({ _id: -1 }).limit(q.limit).toArray();
    return { items, nextCursor: nextCursor(items, q.limit) };
  }

  /**
   * Deactivates or restores the person's membership of this community, only from the state it was read in (a second
   * secretary's click, or a restoration racing it, changes nothing): null when it had moved on.
   */
  setMembershipStatus(userId: string, communityId: string, wasActive: boolean, next: MembershipDoc, at: Date): Promise<UserDoc | null> {
    return this.coll.findOneAndUpdate(
      { _id: userId, memberships: { $elemMatch: { communityId, deactivated: { $exists: !wasActive } } } },
      { $set: { 'memberships.$': next, updatedAt: at } },
      { returnDocument: 'after' },
    );
  }

  /**
   * Deactivated memberships whose work has not been swept back to the pool yet (`deactivated.sweptAt` absent), deactivated
   * before `before`: a crash came between the deactivation and its sweep, or the sweep is still running (hence `before`).
   */
  async unswept(before: Date, limit: number): Promise<{ userId: string; membership: MembershipDoc }[]> {
    const pending = { 'deactivated.at': { $lt: before }, 'deactivated.sweptAt': { $exists: false } };
    const users = await this.coll.find({ memberships: { $elemMatch: pending } }, { projection: { memberships: 1 } }).limit(limit).toArray();
    return users.flatMap((u) =>
      u.memberships.filter((m) => m.deactivated && !m.deactivated.sweptAt && m.deactivated.at.getTime() < before.getTime()).map((membership) => ({ userId: u._id, membership })),
    );
  }

  /**
   * Marks the deactivation of `at` swept: its work is back in the pool. Only that deactivation: one restored and made
   * again since is another, with its own sweep to come.
   */
  async markSwept(userId: string, communityId: string, at: Date, sweptAt: Date): Promise<void> {
    await this.coll.updateOne(
      { _id: userId, memberships: { $elemMatch: { communityId, 'deactivated.at': at, 'deactivated.sweptAt': { $exists: false } } } },
      { $set: { 'memberships.$.deactivated.sweptAt': sweptAt } },
    );
  }

  /**
   * Whether the person's membership of the community is active, asked as a write (of `updatedAt`): inside a
   * request's transaction it conflicts with a deactivation written meanwhile, so a step that gave them work
   * can't commit on a stale reading of their membership.
   */
  async confirmActive(userId: string, communityId: string, at: Date): Promise<boolean> {
    const done = await this.coll.updateOne({ _id: userId, memberships: { $elemMatch: { communityId, ...ACTIVE } } }, { $set: { updatedAt: at } });
    return done.matchedCount === 1;
  }

  /** Replaces the person's membership of this community; null when they have none here. */
  setMembership(userId: string, communityId: string, next: MembershipDoc, at: Date): Promise<UserDoc | null> {
    return this.coll.findOneAndUpdate({ _id: userId, 'memberships.communityId': communityId }, { $set: { 'memberships.$': next, updatedAt: at } }, { returnDocument: 'after' });
  }

  /**
   * The person's membership of one community as an invite makes it, with the name and phone they gave: written alone
   * (the person's other memberships untouched), and only while the one it replaces is still active (`before`), or while
   * they have none there. Null when that moved on meanwhile (a 停用 written since they were read: never undone here).
   */
  redeemInvite(userId: string, before: MembershipDoc | undefined, membership: MembershipDoc, profile: { name?: string; phone?: string }, at: Date): Promise<UserDoc | null> {
    const set = { updatedAt: at, ...(profile.name ? { name: profile.name } : {}), ...(profile.phone ? { phone: profile.phone } : {}) };
    const communityId = membership.communityId;
    return before
      ? this.coll.findOneAndUpdate({ _id: userId, memberships: { $elemMatch: { communityId, ...ACTIVE } } }, { $set: { 'memberships.$': membership, ...set } }, { returnDocument: 'after', projection: { devKey: 0 } })
      : this.coll.findOneAndUpdate({ _id: userId, 'memberships.communityId': { $ne: communityId } }, { $push: { memberships: membership }, $set: set }, { returnDocument: 'after', projection: { devKey: 0 } });
  }

  /** Adds roles to an existing membership; false when the membership is gone. */
  async addRoles(userId: string, communityId: string, roles: Role[], at: Date): Promise<boolean> {
    const done = await this.coll.updateOne({ _id: userId, 'memberships.communityId': communityId }, { $set: { 'memberships.$.roles': roles, updatedAt: at } });
    return done.matchedCount === 1;
  }

  /** A membership of a community, only while the person has none there (so nobody is in one community twice); false otherwise. */
  async joinCommunity(userId: string, membership: MembershipDoc, profile: { name: string; phone?: string }, at: Date): Promise<boolean> {
    const done = await this.coll.updateOne(
      { _id: userId, 'memberships.communityId': { $ne: membership.communityId } },
      { $push: { memberships: membership }, $set: { name: profile.name, ...(profile.phone ? { phone: profile.phone } : {}), updatedAt: at } },
    );
    return done.matchedCount === 1;
  }

  /** The person's WeChat openid, if they have one: all a subscribe message needs of them. */
  async openidOf(id: string): Promise<string | undefined> {
    return (await this.coll.findOne({ _id: id }, { projection: { openid: 1 } }))?.openid;
  }

  /**
   * The active party members of these communities, as their membership there places them (branch, unit, when they
   * reported): the one source of the party tree's member and 报到 counts (stats.branches). A member the secretary
   * deactivated (停用) counts in neither until restored; the services they gave before still count.
   */
  async partyMembersIn(communityIds: string[]): Promise<Pick<MembershipDoc, 'communityId' | 'partyBranchId' | 'unitId' | 'reportedAt'>[]> {
    const users = await this.coll
      .find({ memberships: { $elemMatch: { communityId: { $in: communityIds }, roles: 'party_member', ...ACTIVE } } }, { projection: { memberships: 1 } })
      .toArray();
    return users.flatMap((u) =>
      u.memberships.filter((m) => m.communityId !== undefined && communityIds.includes(m.communityId) && m.roles.includes('party_member') && membershipActive(m)),
    );
  }

  /** How many people are in this party branch (in any of their communities). */
  countInBranch(partyBranchId: string): Promise<number> {
    return this.coll.countDocuments({ 'memberships.partyBranchId': partyBranchId });
  }

  /** Everyone in one party branch moves to another (the first closes); how many moved. */
  async moveBranchMembers(from: string, to: string, at: Date): Promise<number> {
    const done = await this.coll.updateMany(
      { 'memberships.partyBranchId': from },
      { $set: { 'memberships.$[m].partyBranchId': to, updatedAt: at } },
      { arrayFilters: [{ 'm.partyBranchId': from }] },
    );
    return done.modifiedCount;
  }

  /** Which of these people are active members of the community. */
  async membersAmong(communityId: string, ids: string[]): Promise<string[]> {
    const members = await this.coll.find({ _id: { $in: ids }, memberships: { $elemMatch: { communityId, ...ACTIVE } } }, { projection: { _id: 1 } }).toArray();
    return members.map((u) => u._id);
  }
}
