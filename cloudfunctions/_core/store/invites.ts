import type { InviteState } from '@shared';
import type { Collection, Filter } from 'mongodb';
import { nextCursor, pageFilter } from './page';
import type { InviteDoc } from './types';

/** A code that can still be used right now: the same test guards every use. */
const usableNow = (now: Date): Filter<InviteDoc> => ({ revokedAt: { $exists: false }, expiresAt: { $gt: now } });

/** Whose codes a list shows: the communities a person manages, or the codes they made themselves. */
export type InviteScope = { communityIds: string[] } | { communityId: string; createdBy: string };

/** Invite codes. A code's state is derived from its fields (shared `inviteStateOf`), never stored. */
export class InviteRepository {
  constructor(private readonly coll: Collection<InviteDoc>) {}

  async insert(invite: InviteDoc): Promise<void> {
    await this.coll.insertOne(invite);
  }

  byCode(code: string): Promise<InviteDoc | null> {
    return this.coll.findOne({ code });
  }

  usableByCode(code: string, now: Date): Promise<InviteDoc | null> {
    return this.coll.findOne({ code, ...usableNow(now) });
  }

  /**
   * Counts one use, if the code still has one and is neither revoked nor expired: all tested in
   * the same update, so a code revoked a moment ago admits no one. null: it could not be used.
   */
  use(invite: InviteDoc, now: Date): Promise<InviteDoc | null> {
    return this.coll.findOneAndUpdate({ _id: invite._id, uses: { $lt: invite.maxUses }, ...usableNow(now) }, { $inc: { uses: 1 } }, { returnDocument: 'after' });
  }

  async isRevoked(id: string): Promise<boolean> {
    return !!(await this.coll.findOne({ _id: id }, { projection: { revokedAt: 1 } }))?.revokedAt;
  }

  /** Revokes a code of the community (only one's own unless `createdBy` is left out); the code as it now is, or null when there is none. */
  async revoke(code: string, communityId: string, createdBy: string | undefined, by: string, now: Date): Promise<InviteDoc | null> {
    const mine: Filter<InviteDoc> = { code, communityId, ...(createdBy ? { createdBy } : {}) };
    const revoked = await this.coll.findOneAndUpdate({ ...mine, revokedAt: { $exists: false } }, { $set: { revokedAt: now, revokedBy: by } }, { returnDocument: 'after' });
    return revoked ?? (await this.coll.findOne(mine));
  }

  /**
   * Newest first. States stored as facts (revoked, expired) are filtered here; used-up is
   * counted and checked by the caller on the page.
   */
  async page(scope: InviteScope, state: InviteState | undefined, now: Date, q: { cursor?: string; limit: number }): Promise<{ items: InviteDoc[]; nextCursor?: string }> {
    const filter: Filter<InviteDoc> = 'communityIds' in scope ? { communityId: { $in: scope.communityIds } } : { communityId: scope.communityId, createdBy: scope.createdBy };
    if (state === 'revoked') filter.revokedAt = { $exists: true };
    if (state === 'expired') Object.assign(filter, { revokedAt: { $exists: false }, expiresAt: { $lte: now } });
    if (state === 'active' || state === 'used_up') Object.assign(filter, usableNow(now));
    const items = await this.coll.find({ ...filter, ...pageFilter<InviteDoc>(q.cursor) }).sort({ _id: -1 }).limit(q.limit).toArray();
    return { items, nextCursor: nextCursor(items, q.limit) };
  }
}
