import type { RateLimitRepository } from '../cloudfunctions/_core/store/rateLimits';

type Counted = { current: number; ttl: number };

/** How long the limiter waits for the database to count a request. */
export const COUNT_WITHIN_MS = 250;

/** The promise's value, or a rejection once `ms` have passed without one. */
export function withinMs<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
/** What the plugin hands a store: its options at the root, the route's merged options for a child. */
interface StoreOptions { timeWindow?: unknown; routeInfo?: { method: string | string[]; url: string } }

/**
 * A @fastify/rate-limit store over MongoDB: every gateway process counts in the same documents,
 * so the limit holds for the cluster. Route-specific limits (`config.rateLimit` on a route) get a
 * child store whose keys carry the route, as the plugin's own stores do. Wall-clock time: the
 * windows must line up across processes.
 */
export function mongoRateLimitStore(repo: RateLimitRepository) {
  return class MongoRateLimitStore {
    private readonly windowMs: number;
    /** `object`: the plugin's typings name route options, while at run time it passes its merged limit params. */
    constructor(
      options: object = {},
      private readonly prefix = '',
    ) {
      const { timeWindow } = options as StoreOptions;
      this.windowMs = typeof timeWindow === 'number' ? timeWindow : 60_000;
    }

    /** The plugin passes the window as a third argument (its typings leave it out). */
    incr(key: string, cb: (err: Error | null, res?: Counted) => void, timeWindow?: number): void {
      const now = Date.now();
      // Counting runs before the overload guard's deadline starts: a stalled database must not hold the
      // request here. Past COUNT_WITHIN_MS it is an error, which the gateway lets through (skipOnError).
      withinMs(repo.hit(this.prefix + key, timeWindow ?? this.windowMs, now), COUNT_WITHIN_MS).then(
        ({ count, resetAtMs }) => cb(null, { current: count, ttl: resetAtMs - now }),
        (err: Error) => cb(err),
      );
    }

    child(options: object): MongoRateLimitStore {
      const { routeInfo } = options as StoreOptions;
      const route = routeInfo ? `${String(routeInfo.method)} ${routeInfo.url}|` : '';
      return new MongoRateLimitStore(options, this.prefix + route);
    }
  };
}
