/**
 * Guarding the gateway against a database that stalls: every request that reaches the database gets a deadline
 * and a place among a bounded number in flight, so a stall is answered with 503 UNAVAILABLE (the client keeps the
 * write's requestId and retries it) instead of requests and their work piling up until memory or sockets run out.
 */
import { AppError } from '@shared';

export interface Overload {
  /** Runs `work` within the deadline; refused at once when too many are already in flight. */
  guard<T>(work: () => Promise<T>): Promise<T>;
  /** Work started and not yet finished (answered or not). */
  inFlight(): number;
  /**
   * Resolves once no work is in flight, or after `maxMs`. Stopping waits for it before the database is closed: work a
   * deadline answered 503 goes on (its transaction may commit), and closing the client under it would end its
   * session mid-transaction (MongoExpiredSessionError) and leave its retry to find out what happened.
   */
  idle(maxMs: number): Promise<void>;
}

const busy = () => new AppError('UNAVAILABLE', '服务暂时繁忙，请稍后重试');

export function overloadGuard(limits: { requestTimeoutMs: number; maxInFlight: number }): Overload {
  let inFlight = 0;
  let waiting: (() => void)[] = [];
  const finished = () => {
    if (--inFlight > 0) return;
    for (const resolve of waiting) resolve();
    waiting = [];
  };
  return {
    inFlight: () => inFlight,
    async idle(maxMs) {
      if (inFlight === 0) return;
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        waiting.push(resolve);
        timer = setTimeout(resolve, maxMs);
      });
      clearTimeout(timer);
    },
    async guard(work) {
      // Counted until the work itself ends, not until its reply: work a deadline gave up on still holds a place.
      if (inFlight >= limits.maxInFlight) throw busy();
      inFlight++;
      const running = work().finally(finished);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(busy()), limits.requestTimeoutMs);
      });
      // The work goes on after the deadline (a write may commit); its requestId lets the retry find the outcome.
      running.catch(() => undefined);
      try {
        return await Promise.race([running, late]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
