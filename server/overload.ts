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
}

const busy = () => new AppError('UNAVAILABLE', '服务暂时繁忙，请稍后重试');

export function overloadGuard(limits: { requestTimeoutMs: number; maxInFlight: number }): Overload {
  let inFlight = 0;
  return {
    inFlight: () => inFlight,
    async guard(work) {
      // Counted until the work itself ends, not until its reply: work a deadline gave up on still holds a place.
      if (inFlight >= limits.maxInFlight) throw busy();
      inFlight++;
      const running = work().finally(() => inFlight--);
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
