import { AppError, type JoinRequestStatus } from '@shared';
import { MongoServerError, type Collection, type Filter } from 'mongodb';
import { nextCursor, pageFilter } from './page';
import type { JoinRequestDoc } from './types';

const DUPLICATE_KEY = 11000;

/** Whose requests a list shows: the communities a person manages, or their own. */
export type JoinScope = { communityIds: string[] } | { userId: string; communityId?: string };

/** Requests to join a community, each decided once by its secretary. */
export class JoinRequestRepository {
  constructor(private readonly coll: Collection<JoinRequestDoc>) {}

  async insertPending(doc: JoinRequestDoc): Promise<void> {
    try {
      await this.coll.insertOne(doc);
    } catch (err) {
      // The partial unique index is the one place "one pending request each" is decided, even for two taps at once.
      if (err instanceof MongoServerError && err.code === DUPLICATE_KEY) throw new AppError('CONFLICT', '您已提交过申请，请等待社区审核');
      throw err;
    }
  }

  find(id: string, communityId: string): Promise<JoinRequestDoc | null> {
    return this.coll.findOne({ _id: id, communityId });
  }

  async page(scope: JoinScope, status: JoinRequestStatus | undefined, q: { cursor?: string; limit: number }): Promise<{ items: JoinRequestDoc[]; nextCursor?: string }> {
    const filter: Filter<JoinRequestDoc> = 'communityIds' in scope ? { communityId: { $in: scope.communityIds } } : { userId: scope.userId, ...(scope.communityId ? { communityId: scope.communityId } : {}) };
    if (status) filter.status = status;
    const items = await this.coll.find({ ...filter, ...pageFilter<JoinRequestDoc>(q.cursor) }).sort({ _id: -1 }).limit(q.limit).toArray();
    return { items, nextCursor: nextCursor(items, q.limit) };
  }

  /** Decides a request still pending; null when someone decided it first. */
  decide(id: string, decision: Pick<JoinRequestDoc, 'status' | 'decidedAt' | 'decidedBy' | 'decisionId'> & Partial<Pick<JoinRequestDoc, 'grantedRoles' | 'reason'>>): Promise<JoinRequestDoc | null> {
    return this.coll.findOneAndUpdate({ _id: id, status: 'pending' }, { $set: decision }, { returnDocument: 'after' });
  }

  /** Takes back a decision whose grant could not be carried out, so it can be decided again. */
  async undo(id: string, decisionId: string): Promise<void> {
    await this.coll.updateOne({ _id: id, decisionId }, { $set: { status: 'pending' }, $unset: { decidedAt: '', decidedBy: '', decisionId: '', grantedRoles: '' } });
  }
}
