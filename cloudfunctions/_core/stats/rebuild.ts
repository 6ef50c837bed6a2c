import { mergeTally, roundCount, serviceFacts, wishFacts } from '@shared';
import { countersOf, flattenCounter, type StatCounterDoc } from '../store/statCounters';
import type { Repositories } from '../store/repositories';

/** A counter that is not what the events say: `path` is dim.key.field of the document `id` (community|period). */
export interface CounterDifference { id: string; path: string; kept: number; recomputed: number }
export interface RebuildReport { wishes: number; services: number; documents: number; differences: CounterDifference[]; fixed: boolean }

/**
 * Recomputes every counter from the history (each wish's events, each confirmed service: shared/stats) and compares
 * it with what was kept. With `fix`, the documents that differ are set to what the history says. Safe to run while
 * the service runs for reporting; a fix taken while events are being written may miss the ones written meanwhile
 * (run it again: a second report then shows what is still off).
 */
export async function rebuildCounters(repos: Repositories, opts: { fix?: boolean } = {}): Promise<RebuildReport> {
  const recomputed = new Map<string, StatCounterDoc>();
  const add = (docs: ReturnType<typeof countersOf>) => {
    for (const [id, d] of docs) {
      const doc = recomputed.get(id);
      if (!doc) recomputed.set(id, { _id: id, ...d });
      else {
        mergeTally(doc.n, d.n);
        for (const [hour, t] of Object.entries(d.h ?? {})) mergeTally(((doc.h ??= {})[hour] ??= {}), t);
      }
    }
  };
  let wishes = 0;
  let services = 0;
  for await (const page of repos.wishes.allCounted()) {
    wishes += page.length;
    add(countersOf(page.flatMap(wishFacts)));
  }
  for await (const page of repos.services.allConfirmed()) {
    services += page.length;
    add(countersOf(page.flatMap(serviceFacts)));
  }
  const differences: CounterDifference[] = [];
  const wrong = new Set<string>();
  const stale: string[] = [];
  const compare = (id: string, kept: Map<string, number>, want: Map<string, number>) => {
    for (const path of new Set([...kept.keys(), ...want.keys()])) {
      const k = roundCount(kept.get(path) ?? 0);
      const r = roundCount(want.get(path) ?? 0);
      if (k !== r) {
        differences.push({ id, path, kept: k, recomputed: r });
        wrong.add(id);
      }
    }
  };
  const seen = new Set<string>();
  for await (const page of repos.statCounters.all()) {
    for (const doc of page) {
      seen.add(doc._id);
      const want = recomputed.get(doc._id);
      compare(doc._id, flattenCounter(doc), want ? flattenCounter(want) : new Map());
      if (!want) stale.push(doc._id);
    }
  }
  for (const [id, doc] of recomputed) if (!seen.has(id)) compare(id, new Map(), flattenCounter(doc));
  if (opts.fix && (wrong.size || stale.length)) {
    await repos.statCounters.replace([...wrong].flatMap((id) => recomputed.get(id) ?? []), stale);
  }
  return { wishes, services, documents: recomputed.size, differences, fixed: Boolean(opts.fix) };
}
