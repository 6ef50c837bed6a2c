// Applying one update specification to one document, with MongoDB's rules around it.
import { calculateObjectSize, ObjectId } from 'bson';
import { aggregate, update as mingoUpdate } from 'mingo';
import { Codes, DbError, toDbError } from '../errors';
import { cloneDoc, Doc, hashValue, isPlainObject } from '../index/values';
import { MINGO_OPTIONS } from '../query/mingoOptions';
import { MAX_BSON_OBJECT_SIZE } from '../wire/messages';

const UPDATE_OPS = new Set(['$set', '$unset', '$inc', '$mul', '$rename', '$setOnInsert', '$min', '$max', '$currentDate', '$push', '$pull', '$pullAll', '$addToSet', '$pop', '$bit']);

export type UpdateKind = 'operators' | 'replacement' | 'pipeline';

export function updateKind(u: unknown): UpdateKind {
  if (Array.isArray(u)) return 'pipeline';
  if (!isPlainObject(u)) throw new DbError(Codes.FailedToParse, 'Update argument must be either an object or an array');
  const keys = Object.keys(u);
  const ops = keys.filter((k) => k.startsWith('$'));
  if (ops.length && ops.length !== keys.length) throw new DbError(Codes.FailedToParse, 'Updating the path without an operator is not allowed when other operators are present');
  for (const op of ops) if (!UPDATE_OPS.has(op)) throw new DbError(Codes.FailedToParse, `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`);
  return ops.length ? 'operators' : 'replacement';
}

/** The updated copy of `doc` (never mutates it). */
export function applyUpdate(doc: Doc, u: any, opts: { arrayFilters?: Doc[]; query?: Doc; inserting?: boolean }): Doc {
  const kind = updateKind(u);
  let out: Doc;
  try {
    if (kind === 'replacement') {
      out = { _id: doc._id, ...cloneDoc(u) };
      if (u._id === undefined) out._id = doc._id;
      if (out._id === undefined) delete out._id;
    } else if (kind === 'pipeline') {
      const res = aggregate([cloneDoc(doc)], u, MINGO_OPTIONS);
      out = res[0] as Doc;
    } else {
      out = cloneDoc(doc);
      const { $setOnInsert, ...rest } = u;
      const mods = opts.inserting && $setOnInsert ? { ...rest, $set: { ...(rest.$set ?? {}), ...$setOnInsert } } : rest;
      for (const [op, spec] of Object.entries(mods)) {
        if (!isPlainObject(spec)) throw new DbError(Codes.FailedToParse, `Modifiers operate on fields but we found type ${Array.isArray(spec) ? 'array' : typeof spec} instead. For example: {$mod: {<field>: ...}} not {${op}: ${JSON.stringify(spec)}}`);
        if (('_id' in spec || Object.keys(spec).some((k) => k.startsWith('_id.'))) && !opts.inserting && op !== '$setOnInsert') {
          checkIdTouch(doc, op, spec);
        }
      }
      if (Object.keys(mods).length) mingoUpdate(out, mods, opts.arrayFilters, opts.query && !opts.inserting ? stripGeo(opts.query) : undefined, { cloneMode: 'deep', queryOptions: MINGO_OPTIONS });
    }
  } catch (e) {
    throw toDbError(e);
  }
  if (!opts.inserting && doc._id !== undefined && hashValue(out._id) !== hashValue(doc._id)) {
    throw new DbError(Codes.ImmutableField, "Performing an update on the path '_id' would modify the immutable field '_id'");
  }
  if (out._id !== undefined && Object.keys(out)[0] !== '_id') out = { _id: out._id, ...out };
  checkSize(out);
  return out;
}

function checkIdTouch(doc: Doc, op: string, spec: Doc): void {
  if (op === '$set' && '_id' in spec && hashValue(spec._id) === hashValue(doc._id)) return;
  throw new DbError(Codes.ImmutableField, "Performing an update on the path '_id' would modify the immutable field '_id'");
}

function stripGeo(q: Doc): Doc | undefined {
  // The positional operator only needs array conditions; geo operators would trip mingo.
  return JSON.stringify(Object.keys(q)).includes('$near') ? undefined : q;
}

export function checkSize(doc: Doc): void {
  const size = calculateObjectSize(doc);
  if (size > MAX_BSON_OBJECT_SIZE) {
    throw new DbError(Codes.BSONObjectTooLarge, `BSONObj size: ${size} (0x${size.toString(16)}) is invalid. Size must be between 0 and 16793600(16MB)`);
  }
}

export function checkId(doc: Doc): void {
  const id = doc._id;
  if (Array.isArray(id)) throw new DbError(Codes.InvalidIdField, "The '_id' value cannot be of type array");
  if (id instanceof RegExp || id?._bsontype === 'BSONRegExp') throw new DbError(Codes.InvalidIdField, "The '_id' value cannot be of type regex");
}

/** The document an upsert starts from: equality fields of the query (MongoDB's rule). */
export function upsertSeed(q: Doc): Doc {
  const seed: Doc = {};
  const visit = (f: Doc) => {
    for (const [k, v] of Object.entries(f ?? {})) {
      if (k === '$and' && Array.isArray(v)) v.forEach(visit);
      else if (k.startsWith('$')) continue;
      else if (isPlainObject(v) && Object.keys(v).some((x) => x.startsWith('$'))) {
        if ('$eq' in v) setPath(seed, k, cloneDoc(v.$eq));
      } else setPath(seed, k, cloneDoc(v));
    }
  };
  visit(q);
  return seed;
}

function setPath(doc: Doc, path: string, v: any): void {
  const parts = path.split('.');
  let cur = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    if (!isPlainObject(cur[parts[i]])) cur[parts[i]] = {};
    cur = cur[parts[i]];
  }
  cur[parts[parts.length - 1]] = v;
}

/** Builds the document an upsert inserts. */
export function upsertDoc(q: Doc, u: any, arrayFilters?: Doc[]): Doc {
  const kind = updateKind(u);
  const seed = upsertSeed(q);
  let doc: Doc;
  if (kind === 'replacement') {
    doc = cloneDoc(u);
    if (doc._id === undefined && seed._id !== undefined) doc._id = seed._id;
  } else {
    doc = applyUpdate(seed, u, { arrayFilters, inserting: true });
  }
  if (doc._id === undefined) doc._id = new ObjectId();
  if (Object.keys(doc)[0] !== '_id') doc = { _id: doc._id, ...doc };
  checkId(doc);
  checkSize(doc);
  return doc;
}

export function sameDoc(a: Doc, b: Doc): boolean {
  return hashValue(a) === hashValue(b);
}
