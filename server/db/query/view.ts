// What a command reads: the latest committed state, or a transaction's snapshot plus its own writes.
import { Doc } from '../index/values';
import { Collection } from '../storage/collection';
import { Engine } from '../storage/engine';

export interface View {
  readonly engine: Engine;
  collection(ns: string): Collection | undefined;
  get(coll: Collection, id: string): Doc | undefined;
  /** Ids a plan built on current indexes may miss for this view (changed since its snapshot). */
  extraIds(coll: Collection): Iterable<string>;
  allIds(coll: Collection): Iterable<string>;
  /** Current-state views can trust the live indexes; snapshot views must re-check. */
  readonly live: boolean;
}

export class LiveView implements View {
  readonly live = true;
  constructor(readonly engine: Engine) {}
  collection(ns: string) {
    return this.engine.get(ns);
  }
  get(coll: Collection, id: string) {
    return coll.docs.get(id);
  }
  extraIds(): Iterable<string> {
    return [];
  }
  allIds(coll: Collection) {
    return coll.docs.keys();
  }
}

/** Own uncommitted writes: per namespace, id → new image (null = deleted). */
export type WriteSet = Map<string, Map<string, Doc | null>>;

export class SnapshotView implements View {
  readonly live = false;
  constructor(
    readonly engine: Engine,
    readonly ts: number,
    readonly writes: WriteSet,
    /** Collections a transaction created (create, createIndexes): its own until it commits. */
    readonly created: ReadonlyMap<string, Collection> = new Map(),
  ) {}

  private phantoms = new Map<string, Collection>();

  /** A collection this transaction created exists only in its writes until commit. */
  collection(ns: string) {
    const c = this.engine.get(ns) ?? this.created.get(ns);
    if (c || !this.writes.has(ns)) return c;
    let p = this.phantoms.get(ns);
    if (!p) this.phantoms.set(ns, (p = new Collection(ns)));
    return p;
  }
  get(coll: Collection, id: string) {
    const own = this.writes.get(coll.ns)?.get(id);
    if (own !== undefined) return own ?? undefined;
    return coll.versionAt(id, this.ts);
  }
  *extraIds(coll: Collection) {
    for (const [id, h] of coll.history) if (h.some((e) => e.ts > this.ts)) yield id;
    const own = this.writes.get(coll.ns);
    if (own) yield* own.keys();
  }
  *allIds(coll: Collection) {
    const seen = new Set<string>();
    for (const id of coll.docs.keys()) {
      seen.add(id);
      yield id;
    }
    for (const id of this.extraIds(coll)) if (!seen.has(id)) {
      seen.add(id);
      yield id;
    }
  }
}
