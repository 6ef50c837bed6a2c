import type { Collection } from 'mongodb';
import type { UserDoc } from '../types';

/** People: every query of the users collection goes through here. */
export class UserRepository {
  constructor(private readonly coll: Collection<UserDoc>) {}

  /** Only the memberships of some people (what a service record is counted for). */
  membershipsOf(ids: string[]): Promise<Pick<UserDoc, '_id' | 'memberships'>[]> {
    return this.coll.find({ _id: { $in: ids } }, { projection: { memberships: 1 } }).toArray();
  }

  /** The person's WeChat openid, if they have one: all a subscribe message needs of them. */
  async openidOf(id: string): Promise<string | undefined> {
    return (await this.coll.findOne({ _id: id }, { projection: { openid: 1 } }))?.openid;
  }

  /** Which of these people are members of the community. */
  async membersAmong(communityId: string, ids: string[]): Promise<string[]> {
    const members = await this.coll.find({ _id: { $in: ids }, 'memberships.communityId': communityId }, { projection: { _id: 1 } }).toArray();
    return members.map((u) => u._id);
  }
}
