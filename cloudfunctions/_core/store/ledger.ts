import { AppError, type LedgerEntry } from '@shared';
import type { Collection } from 'mongodb';
import { rangeMatch, type Range } from './range';

/** A ledger entry as kept: `_id` is the id derived from its source event, so posting an event twice is one entry. */
export type LedgerEntryDoc = Omit<LedgerEntry, 'id'> & { _id: string };

/** A points account: the running balance kept beside the ledger, provably its sum (`audit`). */
export interface PointAccountDoc {
  /** `${communityId}:${userId}`: points are earned and spent in one community. */
  _id: string;
  communityId: string;
  userId: string;
  balance: number;
}

export const accountId = (communityId: string, userId: string) => `${communityId}:${userId}`;

export interface AccountMismatch { userId: string; kept: number; ledger: number }

/**
 * The append-only points ledger and the balances kept with it. Entries are inserted, never updated or
 * deleted. `post` changes entry and balance together and must run in a transaction (`repos.inTransaction`).
 */
export class LedgerRepository {
  constructor(
    private readonly entries: Collection<LedgerEntryDoc>,
    private readonly accounts: Collection<PointAccountDoc>,
  ) {}

  find(id: string): Promise<LedgerEntryDoc | null> {
    return this.entries.findOne({ _id: id });
  }

  /**
   * Appends `entry` and moves its account's balance by its amount; false when its source was posted already.
   * `mayNotOverdraw`: a spend that would take the balance below zero is refused (CONFLICT) before anything is
   * written, by a conditional update, so two spends racing for the same points cannot both pass.
   */
  async post(entry: LedgerEntryDoc, opts: { mayNotOverdraw?: boolean } = {}): Promise<boolean> {
    if (await this.entries.findOne({ _id: entry._id }, { projection: { _id: 1 } })) return false;
    const _id = accountId(entry.communityId, entry.userId);
    if (opts.mayNotOverdraw) {
      const { matchedCount } = await this.accounts.updateOne({ _id, balance: { $gte: -entry.amount } }, { $inc: { balance: entry.amount } });
      if (matchedCount === 0) throw new AppError('CONFLICT', '积分不足');
    } else {
      await this.accounts.updateOne({ _id }, { $inc: { balance: entry.amount }, $setOnInsert: { communityId: entry.communityId, userId: entry.userId } }, { upsert: true });
    }
    await this.entries.insertOne(entry);
    return true;
  }

  async balance(communityId: string, userId: string): Promise<number> {
    return (await this.accounts.findOne({ _id: accountId(communityId, userId) }))?.balance ?? 0;
  }

  /** One person's entries in a community, newest first. */
  history(communityId: string, userId: string, limit = 100): Promise<LedgerEntryDoc[]> {
    return this.entries.find({ communityId, userId }).sort({ at: -1, _id: -1 }).limit(limit).toArray();
  }

  /** Points earned on a China day, net of reversals: what counts against that day's cap. */
  async earnedOn(communityId: string, userId: string, day: string): Promise<number> {
    const [row] = await this.entries
      .aggregate<{ sum: number }>([
        { $match: { communityId, userId, day, kind: { $in: ['earn', 'reverse'] } } },
        { $group: { _id: null, sum: { $sum: '$amount' } } },
      ])
      .toArray();
    return row?.sum ?? 0;
  }

  /** Points issued (earned, net of reversals) and redeemed (spent, net of refunds) in these communities over a window: the monthly report. */
  async flow(communityIds: string[], range: Range): Promise<{ issued: number; redeemed: number }> {
    const rows = await this.entries
      .aggregate<{ _id: LedgerEntry['kind']; sum: number }>([
        { $match: { communityId: { $in: communityIds }, ...rangeMatch('at', range) } },
        { $group: { _id: '$kind', sum: { $sum: '$amount' } } },
      ])
      .toArray();
    const of = (kind: LedgerEntry['kind']) => rows.find((r) => r._id === kind)?.sum ?? 0;
    return { issued: of('earn') + of('reverse'), redeemed: -(of('redeem') + of('refund')) };
  }

  /** The points a wish's services earned. */
  earningsOfWish(wishId: string): Promise<LedgerEntryDoc[]> {
    return this.entries.find({ wishId, kind: 'earn' }).toArray();
  }

  /** Every kept balance of a community beside the sum of its entries; the accounts that differ (none, when the books are right). */
  async audit(communityId: string): Promise<{ accounts: number; entries: number; mismatches: AccountMismatch[] }> {
    const sums = await this.entries
      .aggregate<{ _id: string; sum: number; n: number }>([{ $match: { communityId } }, { $group: { _id: '$userId', sum: { $sum: '$amount' }, n: { $sum: 1 } } }])
      .toArray();
    const kept = await this.accounts.find({ communityId }).toArray();
    const ledger = new Map(sums.map((s) => [s._id, s.sum]));
    const byUser = new Map(kept.map((a) => [a.userId, a.balance]));
    const mismatches: AccountMismatch[] = [];
    for (const userId of new Set([...ledger.keys(), ...byUser.keys()])) {
      const k = byUser.get(userId) ?? 0;
      const l = ledger.get(userId) ?? 0;
      if (k !== l) mismatches.push({ userId, kept: k, ledger: l });
    }
    return { accounts: kept.length, entries: sums.reduce((n, s) => n + s.n, 0), mismatches };
  }
}
