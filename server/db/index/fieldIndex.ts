// A single/compound field index: a sorted list of (key tuple, _id) plus a hash map for unique keys.
import { DbError, Codes } from '../errors';
import { MINGO_OPTIONS, Query } from '../mingoOptions';
import { SortedList } from './sortedList';
import { KeyMaker, MISSING } from './keys';
import { compareValues, Doc, formatKeyValue, hashValue, typeRank } from './values';

export interface IndexSpec {
  v?: number;
  name: string;
  key: Record<string, any>;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Doc;
  expireAfterSeconds?: number;
  [option: string]: unknown;
}

export interface Entry {
  k: any[];
  id: string;
}

/** Same key in the index's eyes and the same type (1 and 1.0 differ in nothing an index keeps). */
function sameTuple(a: any[], b: any[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (typeRank(a[i]) !== typeRank(b[i]) || compareValues(a[i], b[i]) !== 0 || hashValue(a[i]) !== hashValue(b[i])) return false;
  }
  return true;
}

function compareTuples(a: any[], b: any[]): number {
  for (let i = 0; i < a.length; i++) {
    const c = compareValues(a[i], b[i]);
    if (c) return c;
  }
  return 0;
}

/** A key against the leading fields it must equal: how the compound scans and walks find their range. */
function comparePrefix(k: any[], prefix: any[]): number {
  for (let i = 0; i < prefix.length; i++) {
    const c = compareValues(k[i], prefix[i]);
    if (c) return c;
  }
  return 0;
}

const compareEntries = (a: Entry, b: Entry) => compareTuples(a.k, b.k) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Bounds on the first indexed field; `undefined` on a side means open. */
export interface Bounds {
  eq?: any[];
  lo?: { v: any; inclusive: boolean };
  hi?: { v: any; inclusive: boolean };
}

export class FieldIndex {
  readonly fields: string[];
  private readonly list = new SortedList<Entry>(compareEntries);
  private readonly uniqueKeys = new Map<string, string>();
  private readonly partial: Query | null;
  multikey = false;
  /**
   * Per field, the depths of its path at which a document held an array (as pathValues counts them): whether bounds
   * from one $elemMatch may both be used, and whether two fields share an array, depend on where the arrays are.
   * Only grows, as `multikey` does.
   */
  readonly arrayDepths = new Map<string, Set<number>>();
  private readonly keys: KeyMaker;

  constructor(readonly spec: IndexSpec, public ns: string) {
    this.fields = Object.keys(spec.key);
    const depths = this.fields.map((f) => {
      const set = new Set<number>();
      this.arrayDepths.set(f, set);
      return set;
    });
    this.keys = new KeyMaker(this.fields, (fields, depth, spreadMany) => {
      for (const f of fields) depths[f].add(depth);
      if (spreadMany) this.multikey = true;
    });
    this.partial = spec.partialFilterExpression ? new Query(spec.partialFilterExpression, MINGO_OPTIONS) : null;
  }

  get name(): string {
    return this.spec.name;
  }

  get size(): number {
    return this.list.size;
  }

  /** Every key tuple the document contributes, or none if sparse/partial excludes it. */
  keysFor(doc: Doc): any[][] {
    if (this.partial && !this.partial.test(doc)) return [];
    const raw = this.keys.tuples(doc);
    const tuples: any[][] = [];
    for (const t of raw) {
      let present = false;
      for (let i = 0; i < t.length; i++) {
        if (t[i] === MISSING) t[i] = null;
        else {
          present = true;
          if (t[i] === undefined) t[i] = null;
        }
      }
      // A sparse index leaves out a key with none of its fields (MongoDB decides this key by key).
      if (!this.spec.sparse || present) tuples.push(t);
    }
    if (tuples.length <= 1) return tuples;
    const seen = new Set<string>();
    return tuples.filter((t) => {
      const h = hashValue(t);
      if (seen.has(h)) return false;
      seen.add(h);
      return true;
    });
  }

  /** Throws E11000 if another document already owns one of `doc`'s keys. */
  checkUnique(id: string, doc: Doc, ignore?: (otherId: string) => boolean): void {
    if (!this.spec.unique) return;
    for (const k of this.keysFor(doc)) {
      const owner = this.uniqueKeys.get(hashValue(k));
      if (owner !== undefined && owner !== id && !(ignore && ignore(owner))) throw this.duplicateError(k);
    }
  }

  duplicateError(k: any[]): DbError {
    const keyValue: Doc = {};
    this.fields.forEach((f, i) => (keyValue[f] = k[i]));
    const [db, ...rest] = this.ns.split('.');
    return new DbError(
      Codes.DuplicateKey,
      `E11000 duplicate key error collection: ${db}.${rest.join('.')} index: ${this.name} dup key: ${formatKeyValue(keyValue)}`,
      { keyPattern: this.spec.key, keyValue },
    );
  }

  uniqueOwner(k: any[]): string | undefined {
    return this.uniqueKeys.get(hashValue(k));
  }

  add(id: string, doc: Doc): void {
    for (const k of this.keysFor(doc)) {
      this.list.insert({ k, id });
      if (this.spec.unique) this.uniqueKeys.set(hashValue(k), id);
    }
  }

  /** `old` gives way to `doc` under the same id; nothing moves when their keys are the same. */
  replace(id: string, old: Doc, doc: Doc): void {
    const a = this.keysFor(old);
    const b = this.keysFor(doc);
    if (a.length === b.length && a.every((k, i) => sameTuple(k, b[i]))) return;
    this.removeKeys(id, a);
    this.addKeys(id, b);
  }

  private addKeys(id: string, keys: any[][]): void {
    for (const k of keys) {
      this.list.insert({ k, id });
      if (this.spec.unique) this.uniqueKeys.set(hashValue(k), id);
    }
  }

  private removeKeys(id: string, keys: any[][]): void {
    for (const k of keys) {
      this.list.remove({ k, id });
      if (this.spec.unique && this.uniqueKeys.get(hashValue(k)) === id) this.uniqueKeys.delete(hashValue(k));
    }
  }

  remove(id: string, doc: Doc): void {
    for (const k of this.keysFor(doc)) {
      this.list.remove({ k, id });
      if (this.spec.unique && this.uniqueKeys.get(hashValue(k)) === id) this.uniqueKeys.delete(hashValue(k));
    }
  }

  clear(): void {
    this.list.clear();
    this.uniqueKeys.clear();
  }

  /** Ids whose first key field falls in the bounds: a superset of the matches, never the whole index unless asked. */
  scan(b: Bounds, max = Infinity): string[] {
    const out: string[] = [];
    if (b.eq) {
      for (const v of b.eq) {
        for (const e of this.list.from((x) => compareValues(x.k[0], v) >= 0)) {
          if (compareValues(e.k[0], v) !== 0 || out.length >= max) break;
          out.push(e.id);
        }
      }
      return out;
    }
    const { lo, hi } = b;
    // Range operators are type-bracketed in MongoDB: { $gt: 5 } never matches a string.
    const rank = typeRank((lo ?? hi)!.v);
    const start = lo
      ? (x: Entry) => (lo.inclusive ? compareValues(x.k[0], lo.v) >= 0 : compareValues(x.k[0], lo.v) > 0)
      : (x: Entry) => typeRank(x.k[0]) >= rank;
    for (const e of this.list.from(start)) {
      if (typeRank(e.k[0]) > rank) break;
      if (hi) {
        const c = compareValues(e.k[0], hi.v);
        if (c > 0 || (c === 0 && !hi.inclusive)) break;
      }
      if (out.length >= max) break;
      out.push(e.id);
    }
    return out;
  }

  /**
   * Ids whose leading fields equal `prefix` and, when given, whose next field falls in `range`
   * (type-bracketed like `scan`): a compound index narrowed by all it can serve, e.g. {status, leaseUntil}
   * for "claimed and due" instead of every claimed wish.
   */
  scanPrefix(prefix: any[], range?: Pick<Bounds, 'lo' | 'hi'>, max = Infinity): string[] {
    const p = prefix.length;
    const cmpPrefix = (k: any[]) => comparePrefix(k, prefix);
    const lo = range?.lo;
    const hi = range?.hi;
    const rank = lo || hi ? typeRank((lo ?? hi)!.v) : -1;
    const atOrAfter = (e: Entry) => {
      const c = cmpPrefix(e.k);
      if (c) return c > 0;
      if (lo) return lo.inclusive ? compareValues(e.k[p], lo.v) >= 0 : compareValues(e.k[p], lo.v) > 0;
      return rank < 0 || typeRank(e.k[p]) >= rank;
    };
    const out: string[] = [];
    for (const e of this.list.from(atOrAfter)) {
      if (cmpPrefix(e.k) !== 0) break;
      if (rank >= 0) {
        if (typeRank(e.k[p]) > rank) break;
        if (hi) {
          const c = compareValues(e.k[p], hi.v);
          if (c > 0 || (c === 0 && !hi.inclusive)) break;
        }
      }
      if (out.length >= max) break;
      out.push(e.id);
    }
    return out;
  }

  /**
   * Ids in key order among entries whose leading fields equal `prefix`: serves a sort on the fields
   * that follow without sorting. Keys are stored ascending, so a descending sort walks backwards.
   */
  *walk(prefix: any[], reverse: boolean): Generator<string> {
    const cmpPrefix = (e: Entry) => comparePrefix(e.k, prefix);
    const it = reverse ? this.list.backFrom((e) => cmpPrefix(e) <= 0) : this.list.from((e) => cmpPrefix(e) >= 0);
    for (const e of it) {
      if (cmpPrefix(e) !== 0) return;
      yield e.id;
    }
  }
}
