import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { LeaseRepository } from '../cloudfunctions/_core/store/leases';
import type { Observability } from './observability';

/** This process among the cluster's: host, pid and a random tail (a reused pid after a restart is someone else). */
export const HOLDER = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

/**
 * Runs `work` every `intervalMs` in one process of the cluster: each process tries, the one holding
 * the lease document runs and renews it, the others skip. The lease lasts a few intervals, so when its
 * holder dies another process takes over within that time; a holder that stops lets go at once.
 * The first run is at start, not an interval later: what came due while no process ran (a wish waiting past
 * the community's limit, say) is done at once, so the 超时预警 list agrees with the 网格地图 from the first minute.
 */
export function startLeasedTimer(opts: {
  name: string;
  intervalMs: number;
  leases: LeaseRepository;
  observability: Observability;
  work(): Promise<boolean>;
}): () => Promise<void> {
  const { name, intervalMs, leases, observability } = opts;
  const leaseMs = Math.max(3 * intervalMs, 1_000);
  let running = false;
  let stopped = false;
  const run = async () => {
    if (running || stopped) return observability.timer({ timer: name, outcome: 'skipped', ms: 0 }); // a slow run is not stacked on itself
    running = true;
    const started = Date.now();
    try {
      if (!(await leases.acquire(name, HOLDER, new Date(), leaseMs))) return observability.timer({ timer: name, outcome: 'skipped', ms: 0 });
      const ok = await opts.work();
      if (ok) await leases.ran(name, HOLDER, new Date());
      observability.timer({ timer: name, outcome: ok ? 'ok' : 'error', ms: Date.now() - started });
    } catch (err) {
      console.error(JSON.stringify({ t: new Date().toISOString(), msg: 'timer failed', timer: name, error: String(err) }));
      observability.timer({ timer: name, outcome: 'error', ms: Date.now() - started });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  void run();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await leases.release(name, HOLDER).catch(() => undefined);
  };
}
