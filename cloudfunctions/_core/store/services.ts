import type { Collection } from 'mongodb';
import type { ServiceDoc } from './types';
import { rangeMatch, type Range } from './range';

/** Who a service counts for: the helper, their co-building unit, their party branch. */
export type ServiceGroup = 'volunteer' | 'unit' | 'party_branch';
const GROUP_FIELD = { volunteer: 'userId', unit: 'unitId', party_branch: 'partyBranchId' } as const;

export interface ServiceTotals { n: number; hours: number; helpers: string[] }
export interface ServiceRow<K> { _id: K; services: number; hours: number }

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

  /** The wish was confirmed: its services count from now on (a repeat keeps the first time). */
  async confirmWish(wishId: string, at: Date): Promise<void> {
    await this.coll.updateMany({ wishId, confirmedAt: { $exists: false } }, { $set: { confirmedAt: at } });
  }

  /** The wish's services that count (confirmed): what its points are earned for. */
  confirmedOfWish(wishId: string): Promise<ServiceDoc[]> {
    return this.coll.find({ wishId, confirmedAt: { $exists: true } }).toArray();
  }

  /** A disputed completion counts nothing: its records go, and completing again records afresh. */
  async withdrawWish(wishId: string): Promise<void> {
    await this.coll.deleteMany({ wishId });
  }

  /** Services, hours and the distinct helpers of these communities over a window. */
  async totals(communityIds: string[], range: Range): Promise<ServiceTotals | undefined> {
    const [totals] = await this.coll
      .aggregate<ServiceTotals>([
        { $match: { communityId: { $in: communityIds }, ...confirmedIn(range) } },
        { $group: { _id: null, n: { $sum: 1 }, hours: { $sum: '$hours' }, helpers: { $addToSet: '$userId' } } },
      ])
      .toArray();
    return totals;
  }

  /** One helper's services and hours in one community over a window: what a 志愿服务证明 states. */
  async ofHelper(userId: string, communityId: string, range: Range): Promise<{ services: number; hours: number }> {
    const [row] = await this.coll
      .aggregate<{ services: number; hours: number }>([
        { $match: { userId, communityId, ...rangeMatch('at', range) } },
        { $group: { _id: null, services: { $sum: 1 }, hours: { $sum: '$hours' } } },
      ])
      .toArray();
    return { services: row?.services ?? 0, hours: row?.hours ?? 0 };
  }

  /** Services and hours per unit or party branch (null: services of nobody's unit or branch), most services first. */
  byGroup(communityIds: string[], range: Range, group: 'unit' | 'party_branch'): Promise<ServiceRow<string | null>[]> {
    return this.coll
      .aggregate<ServiceRow<string | null>>([
        { $match: { communityId: { $in: communityIds }, ...confirmedIn(range) } },
        { $group: { _id: `$${GROUP_FIELD[group]}`, services: { $sum: 1 }, hours: { $sum: '$hours' } } },
        { $sort: { services: -1 } },
      ])
      .toArray();
  }

  /** Services and hours per pair of party branch and unit (either may be absent) over a window: what the party tree rolls up. */
  byBranchAndUnit(communityIds: string[], range: Range): Promise<ServiceRow<{ b?: string | null; u?: string | null }>[]> {
    return this.coll
      .aggregate<ServiceRow<{ b?: string | null; u?: string | null }>>([
        { $match: { communityId: { $in: communityIds }, ...confirmedIn(range) } },
        { $group: { _id: { b: '$partyBranchId', u: '$unitId' }, services: { $sum: 1 }, hours: { $sum: '$hours' } } },
      ])
      .toArray();
  }

  /** Services and hours per category over a window (counted when confirmed). */
  byCategory(communityIds: string[], range: Range): Promise<ServiceRow<string>[]> {
    return this.coll
      .aggregate<ServiceRow<string>>([
        { $match: { communityId: { $in: communityIds }, ...confirmedIn(range) } },
        { $group: { _id: '$category', services: { $sum: 1 }, hours: { $sum: '$hours' } } },
      ])
      .toArray();
  }

  /** Services and hours per wish over a window (counted when confirmed): what the report splits by the wish's grid. */
  byWish(communityIds: string[], range: Range): Promise<ServiceRow<string>[]> {
    return this.coll
      .aggregate<ServiceRow<string>>([
        { $match: { communityId: { $in: communityIds }, ...confirmedIn(range) } },
        { $group: { _id: '$wishId', services: { $sum: 1 }, hours: { $sum: '$hours' } } },
      ])
      .toArray();
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

  /** The top `limit` helpers, units or party branches by services or hours (ties by id); services of no unit or branch left out. */
  leaders(communityIds: string[], range: Range, group: ServiceGroup, metric: 'services' | 'hours', limit: number): Promise<ServiceRow<string>[]> {
    const field = GROUP_FIELD[group];
    return this.coll
      .aggregate<ServiceRow<string>>([
        { $match: { communityId: { $in: communityIds }, ...confirmedIn(range), [field]: { $type: 'string' } } },
        { $group: { _id: `$${field}`, services: { $sum: 1 }, hours: { $sum: '$hours' } } },
        { $sort: { [metric]: -1, _id: 1 } },
        { $limit: limit },
      ])
      .toArray();
  }
}
