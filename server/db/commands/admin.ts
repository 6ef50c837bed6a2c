// Databases and collections: list, create, drop.
import { Binary, calculateObjectSize } from 'bson';
import { Query } from 'mingo';
import { Codes, DbError } from '../errors';
import { Doc, hashValue, isPlainObject } from '../index/values';
import { MINGO_OPTIONS } from '../mingoOptions';
import { notFound } from '../storage/collection';
import { Op } from '../storage/engine';
import { CommandContext, Handler } from './context';

function forbidInTxn(ctx: CommandContext, name: string): void {
  if (ctx.txn) throw new DbError(Codes.OperationNotSupportedInTransaction, `Cannot run '${name}' in a multi-document transaction.`);
}

const listDatabases: Handler = (cmd, ctx) => {
  const dbs = ctx.engine.databases().map((name) => {
    const size = ctx.engine.collectionsOf(name).reduce((s, c) => s + c.docs.size * 256, 0);
    return { name, sizeOnDisk: size, empty: size === 0 };
  });
  const filtered = cmd.filter ? dbs.filter((d) => new Query(cmd.filter, MINGO_OPTIONS).test(d)) : dbs;
  if (cmd.nameOnly) return { databases: filtered.map((d) => ({ name: d.name })), ok: 1 };
  return { databases: filtered, totalSize: filtered.reduce((s, d) => s + d.sizeOnDisk, 0), totalSizeMb: 0, ok: 1 };
};

const listCollections: Handler = (cmd, ctx) => {
  let infos: Doc[] = ctx.engine.collectionsOf(ctx.db).map((c) => ({
    name: c.name,
    type: 'collection',
    options: c.options,
    info: { readOnly: false, uuid: new Binary(c.uuid, Binary.SUBTYPE_UUID) },
    idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
  }));
  if (cmd.filter && Object.keys(cmd.filter).length) {
    const q = new Query(cmd.filter, MINGO_OPTIONS);
    infos = infos.filter((i) => q.test(i));
  }
  if (cmd.nameOnly) infos = infos.map((i) => ({ name: i.name, type: i.type }));
  return ctx.cursors.first(`${ctx.db}.$cmd.listCollections`, infos, cmd.cursor?.batchSize, ctx.lsidKey);
};

/** Command envelope fields that are not collection options. */
const ENVELOPE = new Set(['create', 'lsid', 'txnNumber', 'autocommit', 'startTransaction', '$db', '$clusterTime', 'writeConcern', '$readPreference', 'comment', 'apiVersion', 'apiStrict', 'apiDeprecationErrors']);

const create: Handler = (cmd, ctx) => {
  const opts = Object.fromEntries(Object.entries(cmd).filter(([k]) => !ENVELOPE.has(k)));
  if (opts.timeseries !== undefined || opts.expireAfterSeconds !== undefined) {
    throw new DbError(Codes.NotImplemented, 'time-series collections are not supported by the embedded server');
  }
  for (const unsupported of ['capped', 'validator', 'viewOn', 'encryptedFields']) {
    if (opts[unsupported] !== undefined && opts[unsupported] !== false) throw new DbError(Codes.NotImplemented, `the create option '${unsupported}' is not supported by the embedded server`);
  }
  if (opts.clusteredIndex !== undefined) {
    // Every collection here is kept in _id order already; a clustered one differs only in how it reports that.
    const ci = opts.clusteredIndex;
    if (!isPlainObject(ci) || hashValue(ci.key) !== hashValue({ _id: 1 }) || ci.unique !== true) {
      throw new DbError(Codes.InvalidOptions, "The clusteredIndex option requires key {_id: 1} and unique: true");
    }
    opts.clusteredIndex = { v: 2, key: { _id: 1 }, name: typeof ci.name === 'string' ? ci.name : '_id_', unique: true };
  }
  ctx.engine.createCollection(`${ctx.db}.${cmd.create}`, opts, ctx.log);
  return { ok: 1 };
};

const drop: Handler = (cmd, ctx) => {
  forbidInTxn(ctx, 'drop');
  const ns = `${ctx.db}.${cmd.drop}`;
  const c = ctx.engine.get(ns);
  if (!c) return { ok: 1 }; // MongoDB 7 no longer errors on dropping a missing collection.
  const nIndexesWas = c.specs().length;
  ctx.engine.dropCollection(ns, ctx.log);
  return { nIndexesWas, ns, ok: 1 };
};

const dropDatabase: Handler = (_cmd, ctx) => {
  forbidInTxn(ctx, 'dropDatabase');
  ctx.engine.dropDatabase(ctx.db, ctx.log);
  return { dropped: ctx.db, ok: 1 };
};

const renameCollection: Handler = (cmd, ctx) => {
  forbidInTxn(ctx, 'renameCollection');
  const from: string = cmd.renameCollection;
  const to: string = cmd.to;
  if (!ctx.engine.get(from)) throw notFound(from);
  if (ctx.engine.get(to)) {
    if (!cmd.dropTarget) throw new DbError(Codes.NamespaceExists, 'target namespace exists');
    ctx.engine.dropCollection(to, ctx.log);
  }
  ctx.engine.applyRaw({ o: Op.RenameCollection, from, to });
  ctx.log.push({ o: Op.RenameCollection, from, to });
  return { ok: 1 };
};

const collStats: Handler = (cmd, ctx) => {
  const ns = `${ctx.db}.${cmd.collStats}`;
  const c = ctx.engine.get(ns);
  if (!c) throw notFound(ns);
  let size = 0;
  for (const d of c.docs.values()) size += calculateObjectSize(d);
  return { ns, count: c.docs.size, size, avgObjSize: c.docs.size ? size / c.docs.size : 0, nindexes: c.specs().length, ok: 1 };
};

const dbStats: Handler = (_cmd, ctx) => {
  const colls = ctx.engine.collectionsOf(ctx.db);
  return { db: ctx.db, collections: colls.length, objects: colls.reduce((s, c) => s + c.docs.size, 0), ok: 1 };
};

const endSessions: Handler = () => ({ ok: 1 });

export const adminCommands: Record<string, Handler> = {
  listDatabases,
  listCollections,
  create,
  drop,
  dropDatabase,
  renameCollection,
  collStats,
  dbStats,
  endSessions,
  killSessions: endSessions,
  refreshSessions: () => ({ ok: 1 }),
  startSession: () => ({ id: { id: new Binary(crypto.getRandomValues(new Uint8Array(16)), Binary.SUBTYPE_UUID) }, timeoutMinutes: 30, ok: 1 }),
  currentOp: () => ({ inprog: [], ok: 1 }),
  fsync: () => ({ numFiles: 1, ok: 1 }),
  getLastError: () => ({ n: 0, err: null, ok: 1 }),
  logout: () => ({ ok: 1 }),
};
