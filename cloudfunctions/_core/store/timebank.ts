import { AppError, withdrawRefusal, type FamilyLinkStatus, type FamilyRelation, type TimeEntry } from '@shared';
import { createHash } from 'node:crypto';
import type { Collection } from 'mongodb';

/** A time bank entry as kept: `_id` is the id derived from its source event, so posting an event twice is one entry. */
export type TimeEntryDoc = Omit<TimeEntry, 'id'> & { _id: string };

/** A time account: the running balance kept beside the ledger, provably its sum (`audit`). */
export interface TimeAccountDoc {
  /** `${townId}:${userId}`: hours count alike in every community of a town. */
  _id: string;
  townId: string;
  userId: string;
  hours: number;
}

/** Two people who said they are family: asked by one, accepted by the other. Only then may hours be given. */
export interface FamilyLinkDoc {
  /** familyLinkId(a, b): one link per pair, whoever asked. */
  _id: string;
  fromId: string;
  fromName: string;
  toId: string;
  toName: string;
  /** What `toId` is to `fromId`, as the one who asked said it. */
  relation: FamilyRelation;
  status: FamilyLinkStatus;
  createdAt: Date;
  decidedAt?: Date;
}

/** One link per pair, whoever asked: named by the pair in order (hashed, so it is an Id however long theirs are). */
export const familyLinkId = (a: string, b: string) => `fl-${createHash('sha256').update(a < b ? `${a}\n${b}` : `${b}\n${a}`).digest('hex').slice(0, 24)}`;

/** States in which a wish's hold must have been charged or released; 'gone': the wish no longer exists. */
const OVER = new Set(['confirmed', 'cancelled', 'rejected', 'gone']);

export const timeAccountId = (townId: string, userId: string) => `${townId}:${userId}`;

export interface TimeMismatch { userId: string; kept: number; ledger: number }

/**
 * The append-only time ledger and the balances kept with it. Entries are inserted, never updated or deleted.
 * `post` changes entry and balance together and must run in a transaction (`repos.inTransaction`).
 */
export class TimeBankRepository {
  constructor(
    private readonly entries: Collection<TimeEntryDoc>,
    private readonly accounts: Collection<TimeAccountDoc>,
    private readonly links: Collection<FamilyLinkDoc>,
  ) {}

  find(id: string): Promise<TimeEntryDoc | null> {
    return this.entries.findOne({ _id: id });
  }

  /**
   * Appends `entry` and moves its account by its hours; false when its source was posted already. A taking
   * (hours < 0) is refused with INSUFFICIENT_HOURS before anything is written unless the balance covers it, by a
   * conditional update: two withdrawals racing for the same hours meet on the account, and the second, run again
   * after the first, finds the balance short.
   */
  async post(entry: TimeEntryDoc): Promise<boolean> {
    if (await this.entries.findOne({ _id: entry._id }, { projection: { _id: 1 } })) return false;
    const _id = timeAccountId(entry.townId, entry.userId);
    if (entry.hours < 0) {
      const { matchedCount } = await this.accounts.updateOne({ _id, hours: { $gte: -entry.hours } }, { $inc: { hours: entry.hours } });
      if (matchedCount === 0) {
        throw new AppError('INSUFFICIENT_HOURS', withdrawRefusal(await this.balance(entry.townId, entry.userId), -entry.hours) ?? '时间余额不足');
      }
    } else if (entry.hours > 0) {
      await this.accounts.updateOne({ _id }, { $inc: { hours: entry.hours }, $setOnInsert: { townId: entry.townId, userId: entry.userId } }, { upsert: true });
    }
    await this.entries.insertOne(entry);
    return true;
  }

  async balance(townId: string, userId: string): Promise<number> {
    return (await this.accounts.findOne({ _id: timeAccountId(townId, userId) }))?.hours ?? 0;
  }

  /** One person's entries in a town, newest first. */
  history(townId: string, userId: string, limit = 200): Promise<TimeEntryDoc[]> {
    return this.entries.find({ townId, userId }).sort({ at: -1, _id: -1 }).limit(limit).toArray();
  }

  /** The deposits a wish's services made: what a withdrawal of those services takes back. */
  depositsOfWish(wishId: string): Promise<TimeEntryDoc[]> {
    return this.entries.find({ wishId, kind: 'deposit' }).toArray();
  }

  /** A wish's hold not yet charged or released (at most one: a resubmission holds afresh only after a release). */
  async openHoldOfWish(wishId: string): Promise<TimeEntryDoc | null> {
    const rows = await this.entries.find({ wishId, kind: { $in: ['hold', 'charge', 'release'] } }).toArray();
    const settled = new Set(rows.filter((r) => r.kind !== 'hold').map((r) => r.holdId));
    return rows.find((r) => r.kind === 'hold' && !settled.has(r._id)) ?? null;
  }

  /**
   * Every kept balance of a town beside the sum of its entries: the accounts that differ (none, when the books are
   * right); and the holds still open on wishes that are over (`statusesOf` reads their states): none, when every
   * confirmation charged its hold and every cancel or rejection released it.
   */
  async audit(townId: string, statusesOf: (wishIds: string[]) => Promise<Map<string, string>>): Promise<{ accounts: number; entries: number; mismatches: TimeMismatch[]; openHoldsOnSettledWishes: string[] }> {
    const sums = await this.entries
      .aggregate<{ _id: string; sum: number; n: number }>([{ $match: { townId } }, { $group: { _id: '$userId', sum: { $sum: '$hours' }, n: { $sum: 1 } } }])
      .toArray();
    const kept = await this.accounts.find({ townId }).toArray();
    const ledger = new Map(sums.map((s) => [s._id, s.sum]));
    const byUser = new Map(kept.map((a) => [a.userId, a.hours]));
    const mismatches: TimeMismatch[] = [];
    for (const userId of new Set([...ledger.keys(), ...byUser.keys()])) {
      const k = byUser.get(userId) ?? 0;
      const l = ledger.get(userId) ?? 0;
      if (k !== l) mismatches.push({ userId, kept: k, ledger: l });
    }
    const holds = await this.entries.find({ townId, kind: { $in: ['hold', 'charge', 'release'] } }, { projection: { kind: 1, holdId: 1, wishId: 1 } }).toArray();
    const settled = new Set(holds.filter((h) => h.kind !== 'hold').map((h) => h.holdId));
    const open = holds.filter((h) => h.kind === 'hold' && !settled.has(h._id));
    const states = await statusesOf([...new Set(open.map((h) => h.wishId!))]);
    const openHoldsOnSettledWishes = open.filter((h) => OVER.has(states.get(h.wishId!) ?? 'gone')).map((h) => h._id);
    return { accounts: kept.length, entries: sums.reduce((n, s) => n + s.n, 0), mismatches, openHoldsOnSettledWishes };
  }

  // Family links.

  link(id: string): Promise<FamilyLinkDoc | null> {
    return this.links.findOne({ _id: id });
  }

  /** Asks anew: a declined or removed link may be asked again; a pending or accepted one is left as it is (null). */
  async askLink(doc: FamilyLinkDoc): Promise<FamilyLinkDoc | null> {
    const { _id, ...rest } = doc;
    const r = await this.links.findOneAndUpdate(
      { _id, status: { $in: ['declined', 'removed'] } },
      { $set: rest, $unset: { decidedAt: '' } },
      { returnDocument: 'after' },
    );
    if (r) return r;
    if (await this.links.findOne({ _id }, { projection: { _id: 1 } })) return null;
    await this.links.insertOne(doc);
    return doc;
  }

  /** Moves a link from one of `from` to `to`; null when it was not in one of those (someone else decided first). */
  decideLink(id: string, from: readonly FamilyLinkStatus[], to: FamilyLinkStatus, at: Date): Promise<FamilyLinkDoc | null> {
    return this.links.findOneAndUpdate({ _id: id, status: { $in: [...from] } }, { $set: { status: to, decidedAt: at } }, { returnDocument: 'after' });
  }

  /** A person's links, asked by them or of them, that are pending or accepted. */
  linksOf(userId: string): Promise<FamilyLinkDoc[]> {
    return this.links.find({ $or: [{ fromId: userId }, { toId: userId }], status: { $in: ['pending', 'accepted'] } }).sort({ createdAt: -1 }).toArray();
  }
}
