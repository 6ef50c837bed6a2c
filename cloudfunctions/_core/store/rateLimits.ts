import { MongoServerError, type Collection } from 'mongodb';

/** One key's count in one fixed window; the TTL index removes it once the window is over. */
export interface RateLimitDoc { _id: string; count: number; expiresAt: Date }

const DUPLICATE_KEY = 11000;

/**
 * Request counts shared by every gateway process (issue 15): a limit of N a minute is N for the
 * whole cluster, not N per process. Fixed windows, one upserted counter per key and window: one
 * round trip per request, and a burst at a window's edge can reach twice the limit for a moment.
 */
export class RateLimitRepository {
  constructor(private readonly coll: Collection<RateLimitDoc>) {}

  /** Counts one hit of `key` in the window holding `nowMs`: the count so far (this hit included) and when the window ends. */
  async hit(key: string, windowMs: number, nowMs: number): Promise<{ count: number; resetAtMs: number }> {
    const start = nowMs - (nowMs % windowMs);
    const resetAtMs = start + windowMs;
    const _id = `${start.toString(36)}:${key}`;
    for (let attempt = 0; ; attempt++) {
      try {
        const doc = await this.coll.findOneAndUpdate({ _id }, { $inc: { count: 1 }, $setOnInsert: { expiresAt: new Date(resetAtMs) } }, { upsert: true, returnDocument: 'after' });
        return { count: doc?.count ?? 1, resetAtMs };
      } catch (err) {
        // Two first hits at once both upsert; the loser's retry finds the winner's document.
        if (attempt > 0 || !(err instanceof MongoServerError && err.code === DUPLICATE_KEY)) throw err;
      }
    }
  }
}
