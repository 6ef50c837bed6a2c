// createIndexes / listIndexes / dropIndexes.
import { Codes, DbError } from '../errors';
import { IndexSpec } from '../index/fieldIndex';
import { Doc, hashValue, isPlainObject } from '../index/values';
import { notFound } from '../storage/collection';
import { Handler } from './context';

const INDEX_OPTIONS = new Set(['key', 'name', 'unique', 'sparse', 'partialFilterExpression', 'expireAfterSeconds', 'background', 'v', 'hidden', '2dsphereIndexVersion', 'collation', 'weights', 'default_language', 'bits', 'min', 'max', 'ns']);

function defaultIndexName(key: Doc): string {
  return Object.entries(key).map(([k, v]) => `${k}_${v}`).join('_');
}

const sameOptions = (a: IndexSpec, b: IndexSpec) =>
  hashValue(a.key) === hashValue(b.key) &&
  !!a.unique === !!b.unique &&
  !!a.sparse === !!b.sparse &&
  hashValue(a.partialFilterExpression ?? null) === hashValue(b.partialFilterExpression ?? null) &&
  (a.expireAfterSeconds ?? null) === (b.expireAfterSeconds ?? null);

const createIndexes: Handler = (cmd, ctx) => {
  const ns = `${ctx.db}.${cmd.createIndexes}`;
  const specs: Doc[] = cmd.indexes;
  if (!Array.isArray(specs) || !specs.length) throw new DbError(Codes.BadValue, 'Must specify at least one index');
  const existed = !!ctx.engine.get(ns);
  const txn = ctx.txn;
  // In a transaction, indexes are built only on a collection the transaction itself creates (here, or by `create`
  // earlier in it), visible to others once it commits; a new index on any other collection is refused (MongoDB 4.4+).
  const createdHere = txn ? txn.created.get(ns) : undefined;
  const coll = txn ? (existed ? ctx.engine.get(ns)! : createdHere ?? txn.createCollection(ns, {}, true)) : ctx.engine.ensure(ns, ctx.log);
  const build = (spec: IndexSpec) => {
    if (!txn) return ctx.engine.createIndex(ns, spec, ctx.log);
    if (existed) throw new DbError(Codes.OperationNotSupportedInTransaction, `Cannot create new indexes on existing collection ${ns} in a multi-document transaction.`);
    if (txn.wroteTo(ns)) throw new DbError(Codes.OperationNotSupportedInTransaction, `Cannot create new indexes on non-empty collection ${ns} in a multi-document transaction.`);
    coll.addIndex(spec);
  };
  const before = coll.specs().length;
  for (const raw of specs) {
    if (!isPlainObject(raw.key) || !Object.keys(raw.key).length) throw new DbError(Codes.BadValue, 'index key pattern must be a non-empty object');
    for (const [f, v] of Object.entries(raw.key)) {
      const ok = (typeof v === 'number' && v !== 0) || v === '2dsphere' || v === '2d' || v === 'hashed' || v === 'text';
      if (!ok) throw new DbError(Codes.BadValue, `Values in index key pattern must be non-zero numbers or index types; field ${f}`);
      if (v === 'text') throw new DbError(Codes.NotImplemented, 'text indexes are not supported by the embedded server');
    }
    for (const k of Object.keys(raw)) if (!INDEX_OPTIONS.has(k)) throw new DbError(Codes.InvalidOptions, `The field '${k}' is not valid for an index specification.`);
    const spec: IndexSpec = { v: 2, key: raw.key, name: raw.name ?? defaultIndexName(raw.key) };
    for (const opt of ['unique', 'sparse', 'partialFilterExpression', 'expireAfterSeconds', '2dsphereIndexVersion'] as const) {
      if (raw[opt] !== undefined) (spec as Doc)[opt] = raw[opt];
    }
    if (raw.hidden !== undefined && typeof raw.hidden !== 'boolean') throw new DbError(Codes.TypeMismatch, "BSON field 'hidden' is the wrong type, expected type 'bool'");
    // Kept only when true, as mongod lists it.
    if (raw.hidden === true) spec.hidden = true;
    if (spec.key._id !== undefined && Object.keys(spec.key).length === 1 && spec.key._id === 1) {
      if (spec.hidden) throw new DbError(Codes.BadValue, "can't hide _id index");
      if (spec.unique === false) throw new DbError(Codes.InvalidOptions, "The field 'unique' is not valid for an _id index specification.");
      continue;
    }
    const sameName = coll.specs().find((s) => s.name === spec.name);
    const sameKey = coll.specs().find((s) => hashValue(s.key) === hashValue(spec.key));
    if (sameName) {
      if (sameOptions(sameName, spec)) continue;
      throw new DbError(
        sameKey === sameName ? Codes.IndexOptionsConflict : Codes.IndexKeySpecsConflict,
        `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(sameName)}`,
      );
    }
    if (sameKey) {
      if (sameOptions(sameKey, spec)) continue;
      throw new DbError(Codes.IndexOptionsConflict, `An equivalent index already exists with a different name and options. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(sameKey)}`);
    }
    build(spec);
  }
  const after = coll.specs().length;
  return {
    numIndexesBefore: before,
    numIndexesAfter: after,
    createdCollectionAutomatically: !existed && !createdHere,
    ...(after === before ? { note: 'all indexes already exist' } : {}),
    ok: 1,
  };
};

const listIndexes: Handler = (cmd, ctx) => {
  const ns = `${ctx.db}.${cmd.listIndexes}`;
  const coll = ctx.engine.get(ns);
  if (!coll) throw notFound(ns);
  const clustered = coll.options?.clusteredIndex;
  const specs = coll.specs().map((s) => (clustered && s.name === '_id_' ? { ...clustered, clustered: true } : { ...s }));
  return ctx.cursors.first(ns, specs, cmd.cursor?.batchSize, ctx.lsidKey);
};

const dropIndexes: Handler = (cmd, ctx) => {
  if (ctx.txn) throw new DbError(Codes.OperationNotSupportedInTransaction, "Cannot run 'dropIndexes' in a multi-document transaction.");
  const ns = `${ctx.db}.${cmd.dropIndexes}`;
  const coll = ctx.engine.get(ns);
  if (!coll) throw notFound(ns);
  const nIndexesWas = coll.specs().length;
  const target = cmd.index;
  let names: string[];
  if (target === '*') names = coll.specs().map((s) => s.name).filter((n) => n !== '_id_');
  else if (Array.isArray(target)) names = target;
  else if (typeof target === 'string') names = [target];
  else if (isPlainObject(target)) {
    const s = coll.specs().find((x) => hashValue(x.key) === hashValue(target));
    if (!s) throw new DbError(Codes.IndexNotFound, `can't find index with key: ${JSON.stringify(target)}`);
    names = [s.name];
  } else throw new DbError(Codes.BadValue, 'invalid index specification');
  for (const n of names) {
    if (n === '_id_') throw new DbError(Codes.InvalidOptions, 'cannot drop _id index');
    if (!coll.findIndex(n)) throw new DbError(Codes.IndexNotFound, `index not found with name [${n}]`);
  }
  for (const n of names) ctx.engine.dropIndex(ns, n, ctx.log);
  return { nIndexesWas, ok: 1 };
};

export const indexCommands: Record<string, Handler> = { createIndexes, listIndexes, dropIndexes };
