// TTL indexes: a background sweep deletes documents whose indexed date is older than expireAfterSeconds.
import { Dispatcher, Durability } from './dispatch';
import { idKey } from '../storage/collection';
import { Engine, LogRecord } from '../storage/engine';

const SWEEP_MS = 1000;
/**
 * Event-loop time one sweep may take: a day's worth of expiries at once (after downtime, a busy day
 * a week ago) is deleted over several sweeps rather than stalling every client for seconds.
 */
const SWEEP_BUDGET_MS = 20;

export function sweepExpired(engine: Engine, now = Date.now(), budgetMs = SWEEP_BUDGET_MS): LogRecord[] {
  const log: LogRecord[] = [];
  const stopAt = performance.now() + budgetMs;
  for (const c of [...engine.namespaces.values()]) {
    for (const ix of c.indexes) {
      const secs = ix.spec.expireAfterSeconds;
      if (typeof secs !== 'number' || ix.fields.length !== 1) continue;
      const cutoff = new Date(now - secs * 1000);
      // Range scan over dates only: the index answers this without touching other documents.
      for (const id of new Set(ix.scan({ hi: { v: cutoff, inclusive: false } }))) {
        const doc = c.docs.get(id);
        if (doc && c.docs.has(idKey(doc._id))) engine.remove(c, doc, log);
        if (performance.now() >= stopAt) return log;
      }
    }
  }
  return log;
}

export function startTtlMonitor(engine: Engine, dispatcher: Dispatcher, durability: Durability): () => void {
  const timer = setInterval(() => {
    const log = sweepExpired(engine);
    if (log.length) void durability.commit(log)?.catch(() => undefined);
    dispatcher.sweep();
  }, SWEEP_MS);
  timer.unref();
  return () => clearInterval(timer);
}
