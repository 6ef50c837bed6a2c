import { MongoServerError, type Collection } from 'mongodb';

/** Who runs a once-per-cluster job (the timer) until when, and when its last run finished. */
export interface LeaseDoc { _id: string; holder: string; until: Date; lastRunAt?: Date }

const DUPLICATE_KEY = 11000;

/**
 * Leases on cluster-wide jobs: N gateway processes each try every interval, the holder renews,
 * and when it dies another takes over once `until` passes. Times are wall-clock (the processes'
 * clocks, which NTP keeps within far less than a lease); a lost lease costs at most one
 * duplicate run, which the jobs already tolerate.
 */
export class LeaseRepository {
  constructor(private readonly coll: Collection<LeaseDoc>) {}

  /** Takes or renews `name` for `holder` until `now + ttlMs`; false while another holds it. */
  async acquire(name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
    const until = new Date(now.getTime() + ttlMs);
    try {
      const taken = await this.coll.findOneAndUpdate(
        { _id: name, $or: [{ holder }, { until: { $lte: now } }] },
        { $set: { holder, until } },
        { upsert: true, returnDocument: 'after' },
      );
      return taken?.holder === holder;
    } catch (err) {
      // Held by another: the filter missed the live document, and the upsert collided with its _id.
      if (err instanceof MongoServerError && err.code === DUPLICATE_KEY) return false;
      throw err;
    }
  }

  /** Records a finished run (the cluster's timer lag is read from it). */
  async ran(name: string, holder: string, at: Date): Promise<void> {
    await this.coll.updateOne({ _id: name, holder }, { $max: { lastRunAt: at } });
  }

  /** Lets go at shutdown, so another process takes over at its next try rather than after the lease. */
  async release(name: string, holder: string): Promise<void> {
    await this.coll.updateOne({ _id: name, holder }, { $set: { until: new Date(0) } });
  }

  find(name: string): Promise<LeaseDoc | null> {
    return this.coll.findOne({ _id: name });
  }
}
