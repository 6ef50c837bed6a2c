// The operations of the unified test format, mapped onto the Node.js driver's API the way its own
// spec runner does (results turned into the documents the CRUD spec describes).
import { AbstractCursor, ClientSession, Collection, Db, MongoClient, ReadPreference } from 'mongodb';
import { ClientEntity, EntityMap, transactionOptions } from './entities';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Runner {
  entities: EntityMap;
  internal: MongoClient;
  /** Fail points to switch off after the test: [client, name]. */
  failPoints: [MongoClient, string][];
  runOperation(op: Any, inCallback?: boolean): Promise<void>;
}

/** Driver options from test arguments: the session resolved, spec spellings translated. */
function options(r: Runner, args: Any, drop: string[] = []): Any {
  const out: Any = {};
  for (const [k, v] of Object.entries(args ?? {})) {
    if (drop.includes(k)) continue;
    if (k === 'session') out.session = r.entities.session(v as string);
    else if (k === 'returnDocument') out.returnDocument = String(v).toLowerCase();
    else if (k === 'readPreference') out.readPreference = ReadPreference.fromOptions({ readPreference: v as Any });
    else out[k] = v;
  }
  return out;
}

const bulkModel = (m: Any) => {
  const [name, spec] = Object.entries(m)[0] as [string, Any];
  return { [name]: spec };
};

type Op = (r: Runner, target: Any, args: Any) => Promise<unknown>;

const collectionOps: Record<string, Op> = {
  insertOne: (r, c: Collection, a) => c.insertOne(a.document, options(r, a, ['document'])),
  insertMany: (r, c: Collection, a) => c.insertMany(a.documents, options(r, a, ['documents'])),
  updateOne: (r, c: Collection, a) => c.updateOne(a.filter, a.update, options(r, a, ['filter', 'update'])),
  updateMany: (r, c: Collection, a) => c.updateMany(a.filter, a.update, options(r, a, ['filter', 'update'])),
  replaceOne: (r, c: Collection, a) => c.replaceOne(a.filter, a.replacement, options(r, a, ['filter', 'replacement'])),
  deleteOne: (r, c: Collection, a) => c.deleteOne(a.filter, options(r, a, ['filter'])),
  deleteMany: (r, c: Collection, a) => c.deleteMany(a.filter, options(r, a, ['filter'])),
  find: (r, c: Collection, a) => c.find(a.filter ?? {}, options(r, a, ['filter'])).toArray(),
  findOne: (r, c: Collection, a) => c.findOne(a.filter ?? {}, options(r, a, ['filter'])),
  createFindCursor: async (r, c: Collection, a) => {
    const cursor = c.find(a.filter ?? {}, options(r, a, ['filter']));
    await cursor.hasNext(); // the spec runs the find command when the cursor is created
    return cursor;
  },
  aggregate: (r, c: Collection | Db, a) => c.aggregate(a.pipeline, options(r, a, ['pipeline'])).toArray(),
  countDocuments: (r, c: Collection, a) => c.countDocuments(a.filter, options(r, a, ['filter'])),
  estimatedDocumentCount: (r, c: Collection, a) => c.estimatedDocumentCount(options(r, a)),
  count: (r, c: Collection, a) => c.count(a.filter, options(r, a, ['filter'])),
  distinct: (r, c: Collection, a) => c.distinct(a.fieldName, a.filter ?? {}, options(r, a, ['fieldName', 'filter'])),
  findOneAndDelete: (r, c: Collection, a) => c.findOneAndDelete(a.filter, options(r, a, ['filter'])),
  findOneAndUpdate: (r, c: Collection, a) => c.findOneAndUpdate(a.filter, a.update, options(r, a, ['filter', 'update'])),
  findOneAndReplace: (r, c: Collection, a) => c.findOneAndReplace(a.filter, a.replacement, options(r, a, ['filter', 'replacement'])),
  bulkWrite: (r, c: Collection, a) => c.bulkWrite(a.requests.map(bulkModel), options(r, a, ['requests'])),
  createIndex: (r, c: Collection, a) => c.createIndex(a.keys, options(r, a, ['keys'])),
  dropIndex: (r, c: Collection, a) => c.dropIndex(a.name, options(r, a, ['name'])),
  dropIndexes: (r, c: Collection, a) => c.dropIndexes(options(r, a)),
  listIndexes: (r, c: Collection, a) => c.listIndexes(options(r, a)).toArray(),
  createSearchIndex: (_r, c: Collection, a) => c.createSearchIndex(a.model),
  createSearchIndexes: (_r, c: Collection, a) => c.createSearchIndexes(a.models),
  dropSearchIndex: (_r, c: Collection, a) => c.dropSearchIndex(a.name),
  updateSearchIndex: (_r, c: Collection, a) => c.updateSearchIndex(a.name, a.definition),
  listSearchIndexes: (_r, c: Collection, a) => (a.name ? c.listSearchIndexes(a.name, a.aggregationOptions) : c.listSearchIndexes(a.aggregationOptions)).toArray(),
};

const databaseOps: Record<string, Op> = {
  runCommand: (r, d: Db, a) => d.command(a.command, options(r, a, ['command', 'commandName'])),
  createCollection: (r, d: Db, a) => d.createCollection(a.collection, options(r, a, ['collection'])),
  dropCollection: (r, d: Db, a) => d.dropCollection(a.collection, options(r, a, ['collection'])),
  listCollections: (r, d: Db, a) => d.listCollections(a.filter ?? {}, options(r, a, ['filter'])).toArray(),
  listCollectionNames: async (r, d: Db, a) => (await d.listCollections(a.filter ?? {}, { ...options(r, a, ['filter']), nameOnly: true }).toArray()).map((c) => c.name),
  aggregate: collectionOps.aggregate,
  modifyCollection: (r, d: Db, a) => d.command({ collMod: a.collection, ...options(r, a, ['collection', 'session']) }, a.session ? { session: r.entities.session(a.session) } : {}),
};

const clientOps: Record<string, Op> = {
  listDatabases: (r, c: ClientEntity, a) => c.client.db('admin').admin().listDatabases(options(r, a)).then((x) => x.databases),
  listDatabaseNames: (r, c: ClientEntity, a) => c.client.db('admin').admin().listDatabases({ ...options(r, a), nameOnly: true }).then((x) => x.databases.map((d) => d.name)),
  close: (_r, c: ClientEntity) => c.client.close(),
};

const sessionOps: Record<string, Op> = {
  startTransaction: async (_r, s: ClientSession, a) => s.startTransaction(transactionOptions(a)),
  commitTransaction: (_r, s: ClientSession) => s.commitTransaction(),
  abortTransaction: (_r, s: ClientSession) => s.abortTransaction(),
  endSession: (_r, s: ClientSession) => s.endSession(),
  getSnapshotTime: async (_r, s: ClientSession) => (s as Any).snapshotTime,
  withTransaction: (r, s: ClientSession, a) =>
    s.withTransaction(async () => {
      for (const op of a.callback) await r.runOperation(op, true);
    }, transactionOptions(Object.fromEntries(Object.entries(a).filter(([k]) => k !== 'callback')))),
};

const cursorOps: Record<string, Op> = {
  iterateUntilDocumentOrError: async (_r, c: AbstractCursor) => c.next(),
  iterateOnce: async (_r, c: AbstractCursor) => (c as Any).tryNext(),
  close: (_r, c: AbstractCursor) => c.close(),
};

const TXN_STATES: Record<string, string> = {
  NO_TRANSACTION: 'none',
  STARTING_TRANSACTION: 'starting',
  TRANSACTION_IN_PROGRESS: 'in_progress',
  TRANSACTION_COMMITTED: 'committed',
  TRANSACTION_COMMITTED_EMPTY: 'committed',
  TRANSACTION_ABORTED: 'aborted',
};

async function collectionNames(r: Runner, db: string): Promise<string[]> {
  return (await r.internal.db(db).listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
}

async function indexNames(r: Runner, db: string, coll: string): Promise<string[]> {
  return (await r.internal.db(db).collection(coll).listIndexes().toArray().catch(() => [])).map((i) => i.name);
}

function lastTwoLsids(r: Runner, client: string): [Any, Any] {
  const started = r.entities.client(client).started;
  if (started.length < 2) throw new Error('fewer than two commands were observed');
  return [started[started.length - 2].command.lsid, started[started.length - 1].command.lsid];
}

const sameLsid = (a: Any, b: Any) => Buffer.from(a.id.buffer).equals(Buffer.from(b.id.buffer));

const expect = (ok: boolean, why: string) => {
  if (!ok) throw new Error(why);
};

const testRunnerOps: Record<string, (r: Runner, a: Any) => Promise<unknown>> = {
  failPoint: async (r, a) => {
    const client = r.entities.client(a.client).client;
    await client.db('admin').command(a.failPoint);
    r.failPoints.push([client, a.failPoint.configureFailPoint]);
  },
  // One node: the pinned server is the only server.
  targetedFailPoint: async (r, a) => {
    const s = r.entities.session(a.session);
    const client = (s as Any).client as MongoClient;
    await client.db('admin').command(a.failPoint);
    r.failPoints.push([client, a.failPoint.configureFailPoint]);
  },
  assertSessionTransactionState: async (r, a) => {
    const state = TXN_STATES[(r.entities.session(a.session) as Any).transaction.state];
    expect(state === a.state, `transaction state is ${state}, expected ${a.state}`);
  },
  assertSessionPinned: async (r, a) => expect(r.entities.session(a.session).isPinned, 'session is not pinned'),
  assertSessionUnpinned: async (r, a) => expect(!r.entities.session(a.session).isPinned, 'session is pinned'),
  assertSessionDirty: async (r, a) => expect(!!(r.entities.session(a.session) as Any).serverSession?.isDirty, 'session is not dirty'),
  assertSessionNotDirty: async (r, a) => expect(!(r.entities.session(a.session) as Any).serverSession?.isDirty, 'session is dirty'),
  assertSameLsidOnLastTwoCommands: async (r, a) => expect(sameLsid(...lastTwoLsids(r, a.client)), 'lsids differ'),
  assertDifferentLsidOnLastTwoCommands: async (r, a) => expect(!sameLsid(...lastTwoLsids(r, a.client)), 'lsids are the same'),
  assertCollectionExists: async (r, a) => expect((await collectionNames(r, a.databaseName)).includes(a.collectionName), `${a.collectionName} does not exist`),
  assertCollectionNotExists: async (r, a) => expect(!(await collectionNames(r, a.databaseName)).includes(a.collectionName), `${a.collectionName} exists`),
  assertIndexExists: async (r, a) => expect((await indexNames(r, a.databaseName, a.collectionName)).includes(a.indexName), `${a.indexName} does not exist`),
  assertIndexNotExists: async (r, a) => expect(!(await indexNames(r, a.databaseName, a.collectionName)).includes(a.indexName), `${a.indexName} exists`),
  assertNumberConnectionsCheckedOut: async (r, a) => {
    const n = r.entities.client(a.client).checkedOut;
    expect(n === a.connections, `${n} connections checked out, expected ${a.connections}`);
  },
  createEntities: async (r, a) => r.entities.create(a.entities),
  wait: (_r, a) => new Promise((res) => setTimeout(res, a.ms)),
  assertEventCount: async (r, a) => {
    const [type, spec] = Object.entries(a.event)[0] as [string, Any];
    const n = r.entities.client(a.client).events.filter((e) => e.type === type && matchesShallow(spec, e.event)).length;
    expect(n === a.count, `${n} ${type} events, expected ${a.count}`);
  },
  waitForEvent: async (r, a) => {
    const [type, spec] = Object.entries(a.event)[0] as [string, Any];
    const deadline = Date.now() + 10_000;
    for (;;) {
      const n = r.entities.client(a.client).events.filter((e) => e.type === type && matchesShallow(spec, e.event)).length;
      if (n >= a.count) return;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${a.count} ${type}`);
      await new Promise((res) => setTimeout(res, 20));
    }
  },
};

function matchesShallow(spec: Any, event: Any): boolean {
  return Object.entries(spec ?? {}).every(([k, v]) => (k === 'hasServiceId' ? true : event[k] === v));
}

/** Runs one operation; returns its result as the spec wants to compare it. */
export async function perform(r: Runner, op: Any): Promise<unknown> {
  const args = op.arguments ?? {};
  if (op.object === 'testRunner') {
    const f = testRunnerOps[op.name];
    if (!f) throw new Error(`unsupported test runner operation ${op.name}`);
    return f(r, args);
  }
  const target = r.entities.get(op.object);
  const table =
    target instanceof Collection
      ? collectionOps
      : target instanceof Db
        ? databaseOps
        : target instanceof ClientEntity
          ? clientOps
          : target instanceof ClientSession
            ? sessionOps
            : target instanceof AbstractCursor
              ? cursorOps
              : null;
  const f = table?.[op.name];
  if (!f) throw new Error(`unsupported operation ${op.name} on ${op.object}`);
  return f(r, target, args);
}
