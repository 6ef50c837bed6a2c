import { HelperRoles } from '@shared';
import { MongoServerError, type Collection } from 'mongodb';
import type { UserDoc } from '../types';

const DUPLICATE_KEY = 11000;

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

  /** A member of the community (any role). */
  memberOf(communityId: string, userId: string): Promise<UserDoc | null> {
    return this.coll.findOne({ _id: userId, 'memberships.communityId': communityId });
  }

  /** A party member, volunteer or unit member of the community: someone a wish can be dispatched to. */
  helperOf(communityId: string, userId: string): Promise<UserDoc | null> {
    return this.coll.findOne({ _id: userId, memberships: { $elemMatch: { communityId, roles: { $in: [...HelperRoles] } } } });
  }

  /** A member of a co-building unit of the community. */
  unitMemberOf(communityId: string, unitId: string | undefined, userId: string): Promise<UserDoc | null> {
    return this.coll.findOne({ _id: userId, memberships: { $elemMatch: { communityId, unitId } } });
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
}
