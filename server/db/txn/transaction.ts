// Multi-document transactions with snapshot isolation: reads see the clock value at start plus
// their own writes; the first writer of a document wins and later writers get WriteConflict.
import { Codes, DbError } from '../errors';
import { Doc, hashValue } from '../index/values';
import { SnapshotView, WriteSet } from '../query/view';
import { Collection, idKey } from '../storage/collection';
import { Engine, LockHolder, LogRecord, Op, validateNs, writeConflict } from '../storage/engine';
import { Writer } from './writer';

export type TxnState = 'active' | 'committed' | 'aborted';

export class Transaction implements LockHolder, Writer {
  state: TxnState = 'active';
  abortReason: DbError | null = null;
  readonly startedAt = Date.now();
  readonly snapshot: number;
  readonly writes: WriteSet = new Map();
  /**
   * Collections created in this transaction (explicitly, or by createIndexes on a new namespace), with the indexes
   * built on them here: seen by this transaction only, and by everyone once it commits (MongoDB 4.4+).
   */
  readonly created = new Map<string, Collection>();
  readonly view: SnapshotView;
  private readonly locked: [string, string][] = [];

  constructor(private readonly engine: Engine, readonly txnNumber: number) {
    this.snapshot = engine.openSnapshot(this);
    this.view = new SnapshotView(engine, this.snapshot, this.writes, this.created);
  }

  /** The collection as this transaction sees it: committed, or created by it. */
  private collectionOf(ns: string): Collection | undefined {
    return this.engine.get(ns) ?? this.created.get(ns);
  }

  /**
   * `create` in the transaction: a namespace nobody (this transaction included) has yet. `implicit`: createIndexes
   * making its collection, which may be one this transaction's inserts already made.
   */
  createCollection(ns: string, opts: Doc, implicit = false): Collection {
    validateNs(ns);
    if (this.collectionOf(ns) || (!implicit && this.writes.has(ns))) throw new DbError(Codes.NamespaceExists, `Collection ${ns} already exists.`);
    const c = new Collection(ns, opts);
    this.created.set(ns, c);
    return c;
  }

  /** Whether this transaction has written documents into `ns` (a new collection's indexes are built only while it is empty). */
  wroteTo(ns: string): boolean {
    return [...(this.writes.get(ns)?.values() ?? [])].some((d) => d !== null);
  }

  abortFor(reason: DbError): void {
    if (this.state !== 'active') return;
    this.abortReason = reason;
    this.finish('aborted');
  }

  abort(): void {
    if (this.state === 'active') this.finish('aborted');
  }

  private finish(state: TxnState): void {
    this.state = state;
    for (const [ns, id] of this.locked) this.engine.releaseLock(ns, id, this);
    this.locked.length = 0;
    this.engine.closeSnapshot(this);
  }

  // --- Writer -------------------------------------------------------------------------------

  insert(ns: string, doc: Doc): void {
    const id = idKey(doc._id);
    const c = this.collectionOf(ns);
    const own = this.writes.get(ns)?.get(id);
    const exists = own !== undefined ? own !== null : !!c?.versionAt(id, this.snapshot);
    if (exists) throw this.dup(ns, doc._id);
    this.stage(ns, id, doc);
  }

  replace(ns: string, before: Doc, after: Doc): void {
    this.stage(ns, idKey(before._id), after);
  }

  remove(ns: string, before: Doc): void {
    this.stage(ns, idKey(before._id), null);
  }

  private stage(ns: string, id: string, doc: Doc | null): void {
    const holder = this.engine.lockHolder(ns, id);
    const c = this.engine.get(ns);
    if ((holder && holder !== this) || (c && c.changedSince(id, this.snapshot))) throw writeConflict();
    if (doc) this.checkUnique(ns, id, doc);
    if (!holder) {
      this.engine.lock(ns, id, this);
      this.locked.push([ns, id]);
    }
    let w = this.writes.get(ns);
    if (!w) this.writes.set(ns, (w = new Map()));
    w.set(id, doc);
  }

  /** Unique keys against committed data (minus what we changed) and against our own writes. */
  private checkUnique(ns: string, id: string, doc: Doc): void {
    const c = this.collectionOf(ns);
    const own = this.writes.get(ns);
    if (!c) return;
    c.checkUnique(id, doc, (other) => own?.has(other) ?? false);
    if (!own) return;
    for (const ix of c.indexes) {
      if (!ix.spec.unique) continue;
      const mine = new Set(ix.keysFor(doc).map(hashValue));
      for (const [otherId, other] of own) {
        if (otherId === id || !other) continue;
        for (const k of ix.keysFor(other)) if (mine.has(hashValue(k))) throw ix.duplicateError(k);
      }
    }
  }

  private dup(ns: string, id: unknown): DbError {
    const c = this.collectionOf(ns);
    if (c) return c.idIndex.duplicateError([id]);
    return new DbError(Codes.DuplicateKey, `E11000 duplicate key error collection: ${ns} index: _id_`, { keyPattern: { _id: 1 }, keyValue: { _id: id } });
  }

  // --- commit ---------------------------------------------------------------------------------

  /** Validates then applies every staged write at one clock tick; returns the journal records. */
  commit(): LogRecord[] {
    if (this.state !== 'active') throw new DbError(Codes.NoSuchTransaction, 'Transaction is not active', {}, ['TransientTransactionError']);
    const log: LogRecord[] = [];
    try {
      // Someone else created the namespace meanwhile: as two creates racing in MongoDB, this one conflicts.
      for (const ns of this.created.keys()) if (this.engine.get(ns)) throw writeConflict();
      for (const [ns, w] of this.writes) {
        const c = this.engine.get(ns);
        if (!c) continue;
        for (const [id, doc] of w) {
          if (c.changedSince(id, this.snapshot)) throw writeConflict();
          if (doc) c.checkUnique(id, doc, (other) => w.has(other));
        }
      }
    } catch (e) {
      this.abortFor(e as DbError);
      throw e instanceof DbError && e.code === Codes.DuplicateKey ? writeConflict() : e;
    }
    for (const [ns, c] of this.created) {
      this.engine.createCollection(ns, c.options, log, c.uuid);
      for (const spec of c.specs()) if (spec.name !== '_id_') this.engine.createIndex(ns, spec, log);
    }
    for (const [ns, w] of this.writes) {
      const c = this.engine.ensure(ns, log);
      for (const [id, doc] of w) {
        if (doc) continue;
        const before = c.docs.get(id);
        if (before) {
          c.remove(id);
          if (this.engine.historyActive) c.recordHistory(id, this.engine.clock + 1, before);
          log.push({ o: Op.DeleteDoc, ns, id: before._id });
        }
      }
      for (const [id, doc] of w) {
        if (!doc) continue;
        const before = c.docs.get(id) ?? null;
        c.put(id, doc);
        if (this.engine.historyActive) c.recordHistory(id, this.engine.clock + 1, before);
        log.push({ o: Op.PutDoc, ns, d: doc });
      }
    }
    this.engine.clock++;
    this.finish('committed');
    return log;
  }
}
