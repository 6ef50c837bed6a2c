// Databases and collections: list, create, drop.
import { Binary } from 'bson';
import { Codes, DbError } from '../errors';
import { Doc, hashValue, isPlainObject } from '../index/values';
import { MINGO_OPTIONS, Query } from '../mingoOptions';
import { IndexSpec } from '../index/fieldIndex';
import { Collection, notFound } from '../storage/collection';
import { Op } from '../storage/engine';
import { CommandContext, Handler } from './context';
import { isView, viewOptions } from './views';

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
  let infos: Doc[] = ctx.engine.collectionsOf(ctx.db).map((c) =>
    isView(c)
      ? { name: c.name, type: 'view', options: c.options, info: { readOnly: true } }
      : {
          name: c.name,
          type: 'collection',
          options: c.options,
          info: { readOnly: false, uuid: new Binary(c.uuid, Binary.SUBTYPE_UUID) },
          idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
        },
  );
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
  if (opts.viewOn !== undefined) {
    if (ctx.txn) throw new DbError(Codes.OperationNotSupportedInTransaction, 'Cannot create a view in a multi-document transaction.');
    ctx.engine.createCollection(`${ctx.db}.${cmd.create}`, viewOptions(opts), ctx.log);
    return { ok: 1 };
  }
  if (opts.pipeline !== undefined) throw new DbError(Codes.BadValue, "'pipeline' requires 'viewOn' to also be specified");
  for (const unsupported of ['capped', 'validator', 'encryptedFields']) {
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
  // In a transaction (MongoDB 4.4+): the transaction's own until it commits.
  if (ctx.txn) ctx.txn.createCollection(`${ctx.db}.${cmd.create}`, opts);
  else ctx.engine.createCollection(`${ctx.db}.${cmd.create}`, opts, ctx.log);
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
  const source = ctx.engine.get(from);
  if (!source) throw notFound(from);
  // A view is renamed by no command in MongoDB (drop it and create it again): refused, and so is renaming onto one.
  if (isView(source)) throw new DbError(Codes.CommandNotSupportedOnView, `cannot rename view: ${from}`);
  const target = ctx.engine.get(to);
  if (target && isView(target)) throw new DbError(Codes.NamespaceExists, `a view already exists with that name: ${to}`);
  if (target) {
    if (!cmd.dropTarget) throw new DbError(Codes.NamespaceExists, 'target namespace exists');
    ctx.engine.dropCollection(to, ctx.log);
  }
  ctx.engine.applyRaw({ o: Op.RenameCollection, from, to });
  ctx.log.push({ o: Op.RenameCollection, from, to });
  return { ok: 1 };
};

/**
 * collMod: a view's definition (viewOn, pipeline) and a TTL index's expireAfterSeconds. Options this server
 * does not implement (validators, prepareUnique, pre/post images) are refused rather than ignored.
 */
const collMod: Handler = (cmd, ctx) => {
  forbidInTxn(ctx, 'collMod');
  const ns = `${ctx.db}.${cmd.collMod}`;
  const c = ctx.engine.get(ns);
  if (!c) throw notFound(ns);
  const opts = Object.fromEntries(Object.entries(cmd).filter(([k]) => !ENVELOPE.has(k) && k !== 'collMod'));
  if (isView(c)) {
    const unknown = Object.keys(opts).filter((k) => k !== 'viewOn' && k !== 'pipeline');
    if (unknown.length) throw new DbError(Codes.InvalidOptions, `option not supported on a view: ${unknown[0]}`);
    if (opts.viewOn === undefined) throw new DbError(Codes.InvalidOptions, 'must specify both \'viewOn\' and \'pipeline\' when modifying a view');
    ctx.engine.setOptions(ns, viewOptions(opts), ctx.log);
    return { ok: 1 };
  }
  if (opts.viewOn !== undefined || opts.pipeline !== undefined) throw new DbError(Codes.InvalidOptions, `${ns} is a collection, not a view`);
  const reply: Doc = { ok: 1 };
  for (const [key, value] of Object.entries(opts)) {
    if (key === 'index') Object.assign(reply, modifyIndex(ctx, c, value));
    else if (key === 'changeStreamPreAndPostImages') {
      // Only change streams read it, and they are refused here: kept, so listCollections reports it as mongod does.
      if (!isPlainObject(value) || typeof value.enabled !== 'boolean') throw new DbError(Codes.TypeMismatch, "BSON field 'changeStreamPreAndPostImages.enabled' is missing but a required field");
      ctx.engine.setOptions(ns, { ...c.options, changeStreamPreAndPostImages: { enabled: value.enabled } }, ctx.log);
    } else throw new DbError(Codes.NotImplemented, `the collMod option '${key}' is not supported by the embedded server`);
  }
  return reply;
};

/** collMod's `index`: a TTL index's expireAfterSeconds, whether an index is hidden; the index found by name or key pattern. */
function modifyIndex(ctx: CommandContext, c: Collection, spec: unknown): Doc {
  if (!isPlainObject(spec)) throw new DbError(Codes.TypeMismatch, "BSON field 'collMod.index' is the wrong type, expected type 'object'");
  const current = c.specs().find((s) => (spec.name !== undefined ? s.name === spec.name : hashValue(s.key) === hashValue(spec.keyPattern)));
  if (!current) throw new DbError(Codes.IndexNotFound, `cannot find index ${JSON.stringify(spec.name ?? spec.keyPattern)} for ns ${c.ns}`);
  const changes = Object.keys(spec).filter((k) => k !== 'name' && k !== 'keyPattern');
  if (!changes.length) throw new DbError(Codes.InvalidOptions, 'no expireAfterSeconds field');
  const next: Doc = { ...current };
  const reply: Doc = {};
  for (const k of changes) {
    if (k === 'expireAfterSeconds') {
      if (current.expireAfterSeconds === undefined) throw new DbError(Codes.InvalidOptions, 'no expireAfterSeconds field to update');
      reply.expireAfterSeconds_old = current.expireAfterSeconds;
      reply.expireAfterSeconds_new = next.expireAfterSeconds = Number(spec.expireAfterSeconds);
    } else if (k === 'hidden') {
      if (typeof spec.hidden !== 'boolean') throw new DbError(Codes.TypeMismatch, "BSON field 'collMod.index.hidden' is the wrong type, expected type 'bool'");
      if (current.name === '_id_') throw new DbError(Codes.BadValue, "can't hide _id index");
      reply.hidden_old = !!current.hidden;
      reply.hidden_new = spec.hidden;
      if (spec.hidden) next.hidden = true;
      else delete next.hidden;
    } else throw new DbError(Codes.NotImplemented, `the collMod index option '${k}' is not supported by the embedded server`);
  }
  // Rebuilding the index re-journals it: dropping and re-creating one is how the journal records an index change.
  ctx.engine.dropIndex(c.ns, current.name, ctx.log);
  ctx.engine.createIndex(c.ns, next as IndexSpec, ctx.log);
  return reply;
}

/** The profiler is off and stays off: level -1 (read) and 0 are answered, turning it on is refused. */
const profile: Handler = (cmd) => {
  const level = Number(cmd.profile);
  if (level !== -1 && level !== 0) throw new DbError(Codes.NotImplemented, 'the profiler is not supported by the embedded server');
  return { was: 0, slowms: 100, sampleRate: 1, ok: 1 };
};

const endSessions: Handler = () => ({ ok: 1 });

export const adminCommands: Record<string, Handler> = {
  listDatabases,
  listCollections,
  create,
  drop,
  dropDatabase,
  renameCollection,
  collMod,
  endSessions,
  killSessions: endSessions,
  refreshSessions: () => ({ ok: 1 }),
  startSession: () => ({ id: { id: new Binary(crypto.getRandomValues(new Uint8Array(16)), Binary.SUBTYPE_UUID) }, timeoutMinutes: 30, ok: 1 }),
  currentOp: () => ({ inprog: [], ok: 1 }),
  profile,
  fsync: () => ({ numFiles: 1, ok: 1 }),
  getLastError: () => ({ n: 0, err: null, ok: 1 }),
  logout: () => ({ ok: 1 }),
};
