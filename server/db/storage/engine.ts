// The database state: namespaces, the logical clock, and every mutation funnelled through here so the
// journal, transaction snapshots and write locks all see the same sequence of changes.
import { Codes, DbError } from '../errors';
import { IndexSpec } from '../index/fieldIndex';
import { Doc } from '../index/values';
import { Collection, idKey } from './collection';

/** What a journal record does; the one- or two-letter codes are what the journal and snapshot files hold. */
export const Op = {
  CreateCollection: 'c',
  DropCollection: 'x',
  DropDatabase: 'X',
  /** Insert or replace a whole document. */
  PutDoc: 'p',
  DeleteDoc: 'd',
  CreateIndex: 'ci',
  DropIndex: 'di',
  RenameCollection: 'r',
  /** A collection's (or view's) options replaced: collMod. */
  SetOptions: 'o',
} as const;

/** A journal record: enough to redo one change on recovery. */
export type LogRecord =
  | { o: typeof Op.CreateCollection; ns: string; opts: Doc; uuid?: Uint8Array }
  | { o: typeof Op.DropCollection; ns: string }
  | { o: typeof Op.DropDatabase; db: string }
  | { o: typeof Op.PutDoc; ns: string; d: Doc }
  | { o: typeof Op.DeleteDoc; ns: string; id: unknown }
  | { o: typeof Op.CreateIndex; ns: string; spec: IndexSpec }
  | { o: typeof Op.DropIndex; ns: string; name: string }
  | { o: typeof Op.RenameCollection; from: string; to: string }
  | { o: typeof Op.SetOptions; ns: string; opts: Doc };

/** Who holds a document's write lock: an open transaction. */
export interface LockHolder {
  abortFor(reason: DbError): void;
}

export class Engine {
  readonly namespaces = new Map<string, Collection>();
  /** Logical clock: bumped once per committed change set; snapshots are clock values. */
  clock = 1;
  readonly snapshots = new Map<object, number>();
  readonly locks = new Map<string, LockHolder>();

  get(ns: string): Collection | undefined {
    return this.namespaces.get(ns);
  }

  databases(): string[] {
    return [...new Set([...this.namespaces.keys()].map((ns) => ns.slice(0, ns.indexOf('.'))))];
  }

  collectionsOf(db: string): Collection[] {
    return [...this.namespaces.values()].filter((c) => c.db === db);
  }

  get historyActive(): boolean {
    return this.snapshots.size > 0;
  }

  /** Keeps history from `at` (default now) until closed; an owner re-opening keeps its oldest point. */
  openSnapshot(owner: object, at = this.clock): number {
    const held = this.snapshots.get(owner);
    this.snapshots.set(owner, held === undefined ? at : Math.min(held, at));
    return at;
  }

  /** Whether a read at clock `at` can still be answered: nothing changed since, or history is kept from there. */
  readableAt(at: number): boolean {
    if (at >= this.clock) return true;
    for (const s of this.snapshots.values()) if (s <= at) return true;
    return false;
  }

  closeSnapshot(owner: object): void {
    this.snapshots.delete(owner);
    const oldest = this.snapshots.size ? Math.min(...this.snapshots.values()) : Infinity;
    for (const c of this.namespaces.values()) if (c.history.size) c.pruneHistory(oldest);
  }

  // --- mutations: each returns the record the caller journals ----------------------------------

  createCollection(ns: string, opts: Doc = {}, log?: LogRecord[], uuid?: Uint8Array): Collection {
    if (this.namespaces.has(ns)) throw new DbError(Codes.NamespaceExists, `Collection ${ns} already exists.`);
    validateNs(ns);
    const c = new Collection(ns, opts, uuid);
    this.namespaces.set(ns, c);
    log?.push({ o: Op.CreateCollection, ns, opts, uuid: c.uuid });
    return c;
  }

  /** MongoDB creates collections implicitly on first write. */
  ensure(ns: string, log?: LogRecord[]): Collection {
    return this.namespaces.get(ns) ?? this.createCollection(ns, {}, log);
  }

  dropCollection(ns: string, log?: LogRecord[]): boolean {
    const c = this.namespaces.get(ns);
    if (!c) return false;
    for (const id of c.docs.keys()) this.releaseLock(ns, id);
    this.namespaces.delete(ns);
    log?.push({ o: Op.DropCollection, ns });
    return true;
  }

  dropDatabase(db: string, log?: LogRecord[]): void {
    for (const c of this.collectionsOf(db)) this.dropCollection(c.ns);
    log?.push({ o: Op.DropDatabase, db });
  }

  setOptions(ns: string, opts: Doc, log?: LogRecord[]): void {
    const c = this.namespaces.get(ns);
    if (!c) return;
    c.options = opts;
    log?.push({ o: Op.SetOptions, ns, opts });
  }

  createIndex(ns: string, spec: IndexSpec, log?: LogRecord[]): void {
    const c = this.ensure(ns, log);
    c.addIndex(spec);
    log?.push({ o: Op.CreateIndex, ns, spec });
  }

  dropIndex(ns: string, name: string, log?: LogRecord[]): void {
    this.namespaces.get(ns)?.dropIndex(name);
    log?.push({ o: Op.DropIndex, ns, name });
  }

  /** A non-transactional write wins over an open transaction holding the document: that transaction aborts. */
  private breakLock(ns: string, id: string): void {
    if (this.locks.size === 0) return; // no transaction holds anything: skip building the key
    const holder = this.locks.get(lockKey(ns, id));
    if (holder) {
      holder.abortFor(writeConflict());
    }
  }

  lockHolder(ns: string, id: string): LockHolder | undefined {
    return this.locks.get(lockKey(ns, id));
  }

  lock(ns: string, id: string, holder: LockHolder): void {
    this.locks.set(lockKey(ns, id), holder);
  }

  releaseLock(ns: string, id: string, holder?: LockHolder): void {
    const k = lockKey(ns, id);
    if (!holder || this.locks.get(k) === holder) this.locks.delete(k);
  }

  insert(c: Collection, doc: Doc, log: LogRecord[]): void {
    const id = idKey(doc._id);
    this.breakLock(c.ns, id);
    c.insert(doc, id);
    this.afterWrite(c, id, null);
    log.push({ o: Op.PutDoc, ns: c.ns, d: doc });
  }

  replace(c: Collection, before: Doc, after: Doc, log: LogRecord[]): void {
    const id = idKey(before._id);
    this.breakLock(c.ns, id);
    c.checkUnique(id, after);
    c.put(id, after);
    this.afterWrite(c, id, before);
    log.push({ o: Op.PutDoc, ns: c.ns, d: after });
  }

  remove(c: Collection, doc: Doc, log: LogRecord[]): void {
    const id = idKey(doc._id);
    this.breakLock(c.ns, id);
    c.remove(id);
    this.afterWrite(c, id, doc);
    log.push({ o: Op.DeleteDoc, ns: c.ns, id: doc._id });
  }

  private afterWrite(c: Collection, id: string, before: Doc | null): void {
    this.clock++;
    if (this.historyActive) c.recordHistory(id, this.clock, before);
  }

  /** Applies a validated change set (a transaction commit or a journal replay) without checks. */
  applyRaw(r: LogRecord): void {
    switch (r.o) {
      case Op.CreateCollection:
        if (!this.namespaces.has(r.ns)) this.namespaces.set(r.ns, new Collection(r.ns, r.opts, r.uuid));
        break;
      case Op.DropCollection:
        this.namespaces.delete(r.ns);
        break;
      case Op.DropDatabase:
        for (const c of this.collectionsOf(r.db)) this.namespaces.delete(c.ns);
        break;
      case Op.CreateIndex: {
        const c = this.ensure(r.ns);
        if (!c.findIndex(r.spec.name)) c.addIndex(r.spec);
        break;
      }
      case Op.DropIndex:
        this.namespaces.get(r.ns)?.dropIndex(r.name);
        break;
      case Op.PutDoc: {
        const c = this.ensure(r.ns);
        const id = idKey(r.d._id);
        const before = c.docs.get(id) ?? null;
        c.put(id, r.d);
        this.afterWrite(c, id, before);
        break;
      }
      case Op.DeleteDoc: {
        const c = this.namespaces.get(r.ns);
        if (!c) break;
        const id = idKey(r.id);
        const before = c.remove(id);
        if (before) this.afterWrite(c, id, before);
        break;
      }
      case Op.SetOptions: {
        const c = this.namespaces.get(r.ns);
        if (c) c.options = r.opts;
        break;
      }
      case Op.RenameCollection: {
        const c = this.namespaces.get(r.from);
        if (!c) break;
        this.namespaces.delete(r.from);
        c.ns = r.to;
        for (const ix of c.indexes) ix.ns = r.to; // E11000 messages name the collection
        this.namespaces.set(r.to, c);
        break;
      }
    }
  }
}

const lockKey = (ns: string, id: string) => ns + '\u0000' + id;

export function writeConflict(): DbError {
  return new DbError(
    Codes.WriteConflict,
    'Write conflict during plan execution and yielding is disabled. :: Please retry your operation or multi-document transaction.',
    {},
    ['TransientTransactionError'],
  );
}

export function validateNs(ns: string): void {
  const dot = ns.indexOf('.');
  const db = ns.slice(0, dot);
  const coll = ns.slice(dot + 1);
  const badDb = [...'/\\. "$*<>:|?', '\u0000'].some((ch) => db.includes(ch));
  if (dot <= 0 || !coll || badDb || coll.includes('$') || coll.includes('\u0000') || coll.startsWith('.')) {
    throw new DbError(Codes.InvalidNamespace, `Invalid namespace specified '${ns}'`);
  }
}
