import type { RateLimitRepository } from '../cloudfunctions/_core/store/rateLimits';

type Counted = { current: number; ttl: number };
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
      repo.hit(this.prefix + key, timeWindow ?? this.windowMs, now).then(
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
