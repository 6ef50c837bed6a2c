import type { Collection, Filter } from 'mongodb';
import type { ServiceDoc } from './types';
import { rangeMatch, type Range } from './range';

/** A service counts when its wish is confirmed (by the resident or automatically), never at the helper's completion alone. */
function confirmedIn(range: Range): Record<string, unknown> {
  return { confirmedAt: { $exists: true }, ...rangeMatch('confirmedAt', range) };
}

/** Service records, one per helper per wish: the unit of "1,800 services delivered", volunteer hours and the leaderboards. */
export class ServiceRepository {
  constructor(private readonly coll: Collection<ServiceDoc>) {}

  /** Records these services of a wish, keyed by wish and helper: a retry writes nothing new, and an existing record is kept as it is. */
  async recordAll(records: Omit<ServiceDoc, '_id'>[]): Promise<void> {
    if (records.length === 0) return;
    await this.coll.bulkWrite(
      records.map((r) => ({ updateOne: { filter: { _id: `${r.wishId}:${r.userId}` }, update: { $setOnInsert: r }, upsert: true } })),
      { ordered: false },
    );
  }

  /**
   * One attendee's service at a 集体活动, counted from their check-out (`confirmedAt`): `act:<activity>:<helper>`, so a
   * retried check-out records nothing new. Returns the record as kept.
   */
  async recordAttendance(record: Omit<ServiceDoc, '_id'> & { activityId: string }): Promise<ServiceDoc> {
    const _id = `act:${record.activityId}:${record.userId}`;
    await this.coll.updateOne({ _id }, { $setOnInsert: record }, { upsert: true });
    return (await this.coll.findOne({ _id }))!;
  }

  /**
   * The wish was confirmed: its services count from now on (a repeat keeps the first time). Returns the services
   * this call stamped, to be counted in the same transaction.
   */
  async confirmWish(wishId: string, at: Date): Promise<ServiceDoc[]> {
    const waiting = await this.coll.find({ wishId, confirmedAt: { $exists: false } }).toArray();
    if (waiting.length === 0) return [];
    await this.coll.updateMany({ _id: { $in: waiting.map((s) => s._id) }, confirmedAt: { $exists: false } }, { $set: { confirmedAt: at } });
    return waiting.map((s) => ({ ...s, confirmedAt: at }));
  }

  /** The wish's services that count (confirmed): what its points are earned for. */
  confirmedOfWish(wishId: string): Promise<ServiceDoc[]> {
    return this.coll.find({ wishId, confirmedAt: { $exists: true } }).toArray();
  }

  /** A disputed completion counts nothing: its records go (returned, to be uncounted), and completing again records afresh. */
  async withdrawWish(wishId: string): Promise<ServiceDoc[]> {
    const records = await this.coll.find({ wishId }).toArray();
    if (records.length) await this.coll.deleteMany({ _id: { $in: records.map((s) => s._id) } });
    return records;
  }

  /**
   * One helper's services and hours in one community over a window, counted when confirmed: what their hours page
   * and their 志愿服务证明 state (the same records, by the same rule, as the statistics).
   */
  async ofHelper(userId: string, communityId: string, range: Range): Promise<{ services: number; hours: number }> {
    const [row] = await this.coll
      .aggregate<{ services: number; hours: number }>([
        { $match: { userId, communityId, ...confirmedIn(range) } },
        { $group: { _id: null, services: { $sum: 1 }, hours: { $sum: '$hours' } } },
      ])
      .toArray();
    return { services: row?.services ?? 0, hours: Math.round((row?.hours ?? 0) * 10) / 10 };
  }

  /** Services confirmed in an interval: what part of a day counts from (stats/counters). */
  confirmedBetween(communityIds: string[], part: { from: Date; to: Date }): Promise<ServiceDoc[]> {
    return this.coll.find({ communityId: { $in: communityIds }, confirmedAt: { $gte: part.from, $lt: part.to } }).toArray();
  }

  /** Every confirmed service, a page at a time in _id order: what the counters are rebuilt from. */
  async *allConfirmed(batch = 1000): AsyncGenerator<ServiceDoc[]> {
    let after: string | null = null;
    for (;;) {
      const filter: Filter<ServiceDoc> = { confirmedAt: { $exists: true }, ...(after === null ? {} : { _id: { $gt: after } }) };
      const page: ServiceDoc[] = await this.coll.find(filter).sort({ _id: 1 }).limit(batch).toArray();
      if (page.length === 0) return;
      yield page;
      after = page[page.length - 1]._id;
    }
  }

  /** Records written before services were counted at confirmation or by grid: without `confirmedAt` or `gridId`, in _id order. */
  unstamped(after: string | null, batch: number): Promise<ServiceDoc[]> {
    const filter: Filter<ServiceDoc> = { $or: [{ confirmedAt: { $exists: false } }, { gridId: { $exists: false } }], ...(after === null ? {} : { _id: { $gt: after } }) };
    return this.coll.find(filter).sort({ _id: 1 }).limit(batch).toArray();
  }

  /** Stamps a record with its wish's confirmation and grid; a stamp already there is kept. */
  async stamp(id: string, wish: { confirmedAt?: Date; gridId?: string }): Promise<void> {
    if (wish.confirmedAt) await this.coll.updateOne({ _id: id, confirmedAt: { $exists: false } }, { $set: { confirmedAt: wish.confirmedAt } });
    if (wish.gridId) await this.coll.updateOne({ _id: id, gridId: { $exists: false } }, { $set: { gridId: wish.gridId } });
  }

  /** Per wish of these: the hours served once confirmed, who served and their units (the ledger's columns). */
  async ofWishes(wishIds: string[]): Promise<Map<string, { hours?: number; userIds: string[]; unitIds: string[] }>> {
    if (wishIds.length === 0) return new Map();
    const rows = await this.coll
      .aggregate<{ _id: string; hours: number; confirmed: number; userIds: string[]; unitIds: (string | null)[] }>([
        { $match: { wishId: { $in: wishIds } } },
        {
          $group: {
            _id: '$wishId',
            hours: { $sum: { $cond: [{ $ifNull: ['$confirmedAt', false] }, '$hours', 0] } },
            confirmed: { $sum: { $cond: [{ $ifNull: ['$confirmedAt', false] }, 1, 0] } },
            userIds: { $addToSet: '$userId' },
            unitIds: { $addToSet: '$unitId' },
          },
        },
      ])
      .toArray();
    return new Map(
      rows.map((r) => [r._id, { ...(r.confirmed > 0 ? { hours: Math.round(r.hours * 10) / 10 } : {}), userIds: r.userIds, unitIds: r.unitIds.filter((u): u is string => typeof u === 'string') }]),
    );
  }
}
