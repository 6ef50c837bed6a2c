import { wishCounterId } from '@shared';
import { MongoError, type Collection } from 'mongodb';

/** The last number taken in one community and year (shared/wishNumber `wishCounterId`). */
export interface WishCounterDoc { _id: string; communityId: string; year: number; seq: number }

/** 心愿编号's counters: one per community and year. */
export class WishNumberRepository {
  constructor(private readonly counters: Collection<WishCounterDoc>) {}

  /**
   * Takes `n` numbers of the community's year and returns the last of them (they are last − n + 1 … last), by one
   * atomic `$inc` outside any transaction (the repositories hand this class the plain collection): two posts at once
   * get different numbers, and a post that rolls back or runs again leaves a gap, never a number used twice.
   */
  async take(communityId: string, year: number, n = 1): Promise<number> {
    const _id = wishCounterId(communityId, year);
    try {
      const after = await this.counters.findOneAndUpdate(
        { _id },
        { $inc: { seq: n }, $setOnInsert: { communityId, year } },
        { upsert: true, returnDocument: 'after' },
      );
      return after!.seq;
    } catch (err) {
      // The year's first two posts both creating its counter: the loser runs again and finds it there.
      if (err instanceof MongoError && err.code === 11000) err.addErrorLabel('TransientTransactionError');
      throw err;
    }
  }

  /** The last number taken (0 before any): what a test or a check reads. */
  async last(communityId: string, year: number): Promise<number> {
    return (await this.counters.findOne({ _id: wishCounterId(communityId, year) }))?.seq ?? 0;
  }
}
