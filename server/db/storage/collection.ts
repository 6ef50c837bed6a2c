// One collection: documents by _id plus every index kept in step with them.
import { Codes, DbError } from '../errors';
import { FieldIndex, IndexSpec } from '../index/fieldIndex';
import { GeoIndex } from '../index/geoIndex';
import { Doc, hashValue, newDoc } from '../index/values';

export const idKey = (id: unknown): string => hashValue(id);

/** Stored documents are kept in V8's fast mode (see newDoc): decoded ones may not be. */
function fastShallow(doc: Doc): Doc {
  const o = newDoc();
  for (const k in doc) o[k] = doc[k];
  return o;
}

/** Before-images kept while transactions are open, so they can read their snapshot. */
export interface HistoryEntry {
  ts: number;
  before: Doc | null;
}

export class Collection {
  readonly docs = new Map<string, Doc>();
  readonly indexes: FieldIndex[] = [];
  readonly geo: GeoIndex[] = [];
  readonly history = new Map<string, HistoryEntry[]>();
  readonly uuid: Uint8Array;
  private readonly specList: IndexSpec[] = [];

  constructor(public ns: string, public options: Doc = {}, uuid?: Uint8Array) {
    this.uuid = uuid ?? crypto.getRandomValues(new Uint8Array(16));
    this.addIndex({ v: 2, key: { _id: 1 }, name: '_id_' });
  }

  get db(): string {
    return this.ns.slice(0, this.ns.indexOf('.'));
  }

  get name(): string {
    return this.ns.slice(this.ns.indexOf('.') + 1);
  }

  get idIndex(): FieldIndex {
    return this.indexes[0];
  }

  /** The indexes a query may use: a hidden one (`hidden: true`) is kept up to date and enforces unique, but is never chosen. */
  get plannable(): FieldIndex[] {
    return this.indexes.filter((ix) => !ix.spec.hidden);
  }

  /** The 2dsphere indexes a query may use ($near, $geoNear, $geoWithin), hidden ones left out. */
  get plannableGeo(): GeoIndex[] {
    return this.geo.filter((g) => !g.spec.hidden);
  }

  /** In creation order, as listIndexes reports them. */
  specs(): IndexSpec[] {
    return [...this.specList];
  }

  findIndex(name: string): FieldIndex | GeoIndex | undefined {
    return this.indexes.find((i) => i.name === name) ?? this.geo.find((g) => g.name === name);
  }

  /** Builds and adds an index; a unique violation in existing data leaves the collection unchanged. */
  addIndex(spec: IndexSpec): void {
    const isGeo = Object.values(spec.key).some((v) => v === '2dsphere' || v === '2d');
    if (isGeo) {
      const g = new GeoIndex(spec);
      for (const [id, d] of this.docs) g.add(id, d);
      this.geo.push(g);
      this.specList.push(spec);
      return;
    }
    const ix = new FieldIndex(spec, this.ns);
    for (const [id, d] of this.docs) {
      if (spec.unique) {
        for (const k of ix.keysFor(d)) {
          const owner = ix.uniqueOwner(k);
          if (owner !== undefined && owner !== id) throw ix.duplicateError(k);
        }
      }
      ix.add(id, d);
    }
    this.indexes.push(ix);
    this.specList.push(spec);
  }

  dropIndex(name: string): void {
    const i = this.indexes.findIndex((x) => x.name === name);
    if (i > 0) this.indexes.splice(i, 1);
    const g = this.geo.findIndex((x) => x.name === name);
    if (g >= 0) this.geo.splice(g, 1);
    const s = this.specList.findIndex((x) => x.name === name);
    if (s > 0) this.specList.splice(s, 1);
  }

  /** Throws the E11000 MongoDB would for `doc` taking the place of `id` (ignoring ids in `ignore`). */
  checkUnique(id: string, doc: Doc, ignore?: (otherId: string) => boolean): void {
    for (const ix of this.indexes) ix.checkUnique(id, doc, ignore);
  }

  /** `id` is `idKey(doc._id)`, when the caller has it already. */
  insert(doc: Doc, id = idKey(doc._id)): string {
    if (this.docs.has(id)) throw this.idIndex.duplicateError([doc._id]);
    this.checkUnique(id, doc);
    this.add(id, fastShallow(doc));
    return id;
  }

  /** Raw write with no constraint checks: callers validated first (or are replaying the journal). */
  put(id: string, given: Doc): void {
    const doc = fastShallow(given);
    const old = this.docs.get(id);
    if (!old) return this.add(id, doc);
    this.docs.set(id, doc);
    // Most updates leave most keys alone: only indexes whose keys moved are touched.
    for (const ix of this.indexes) ix.replace(id, old, doc);
    for (const g of this.geo) g.replace(id, old, doc);
  }

  /** A document whose id is not yet taken, already in fast mode. */
  private add(id: string, doc: Doc): void {
    this.docs.set(id, doc);
    for (const ix of this.indexes) ix.add(id, doc);
    for (const g of this.geo) g.add(id, doc);
  }

  remove(id: string): Doc | undefined {
    const old = this.docs.get(id);
    if (!old) return undefined;
    this.unindex(id, old);
    this.docs.delete(id);
    return old;
  }

  private unindex(id: string, doc: Doc): void {
    for (const ix of this.indexes) ix.remove(id, doc);
    for (const g of this.geo) g.remove(id);
  }

  recordHistory(id: string, ts: number, before: Doc | null): void {
    let h = this.history.get(id);
    if (!h) this.history.set(id, (h = []));
    h.push({ ts, before });
  }

  /** The version of `id` a snapshot taken at `ts` sees. */
  versionAt(id: string, ts: number): Doc | undefined {
    const h = this.history.get(id);
    if (h) for (const e of h) if (e.ts > ts) return e.before ?? undefined;
    return this.docs.get(id);
  }

  changedSince(id: string, ts: number): boolean {
    const h = this.history.get(id);
    return !!h && h.some((e) => e.ts > ts);
  }

  pruneHistory(oldestSnapshot: number): void {
    for (const [id, h] of this.history) {
      const keep = h.filter((e) => e.ts > oldestSnapshot);
      if (keep.length) this.history.set(id, keep);
      else this.history.delete(id);
    }
  }
}

export function notFound(ns: string): DbError {
  return new DbError(Codes.NamespaceNotFound, `ns not found: ${ns}`);
}
