// Applying one update specification to one document, with MongoDB's rules around it.
import { calculateObjectSize, ObjectId } from 'bson';
import { update as mingoUpdate } from 'mingo';
import { Codes, DbError, toDbError } from '../errors';
import { cloneDoc, Doc, getPath, hashValue, isPlainObject, setPath } from '../index/values';
import { MINGO_OPTIONS, Query, aggregate } from '../mingoOptions';
import { MAX_BSON_OBJECT_SIZE } from '../wire/messages';

const UPDATE_OPS = new Set(['$set', '$unset', '$inc', '$mul', '$rename', '$setOnInsert', '$min', '$max', '$currentDate', '$push', '$pull', '$pullAll', '$addToSet', '$pop', '$bit']);

type UpdateKind = 'operators' | 'replacement' | 'pipeline';

function updateKind(u: unknown): UpdateKind {
  if (Array.isArray(u)) return 'pipeline';
  if (!isPlainObject(u)) throw new DbError(Codes.FailedToParse, 'Update argument must be either an object or an array');
  const keys = Object.keys(u);
  const ops = keys.filter((k) => k.startsWith('$'));
  if (ops.length && ops.length !== keys.length) throw new DbError(Codes.FailedToParse, 'Updating the path without an operator is not allowed when other operators are present');
  for (const op of ops) if (!UPDATE_OPS.has(op)) throw new DbError(Codes.FailedToParse, `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`);
  return ops.length ? 'operators' : 'replacement';
}

/** The updated copy of `doc` (never mutates it). */
export function applyUpdate(doc: Doc, u: any, opts: { arrayFilters?: Doc[]; query?: Doc; inserting?: boolean; variables?: Doc }): Doc {
  const kind = updateKind(u);
  let out: Doc;
  try {
    if (kind === 'replacement') {
      out = { _id: doc._id, ...cloneDoc(u) };
      if (u._id === undefined) out._id = doc._id;
      if (out._id === undefined) delete out._id;
    } else if (kind === 'pipeline') {
      const res = aggregate([cloneDoc(doc)], u, { ...MINGO_OPTIONS, variables: opts.variables });
      out = res[0] as Doc;
      // A pipeline whose result has no _id (a $replaceRoot) keeps the document's: MongoDB puts it back.
      if (out && out._id === undefined && doc._id !== undefined) out = { _id: doc._id, ...out };
    } else {
      out = cloneDoc(doc);
      const { $setOnInsert, ...rest } = u;
      let mods: Doc = opts.inserting && $setOnInsert ? { ...rest, $set: { ...(rest.$set ?? {}), ...$setOnInsert } } : rest;
      // An inserting upsert may choose its _id ($setOnInsert or $set): mingo refuses the path, so it is set here.
      let insertId: { v: any } | null = null;
      if (opts.inserting && isPlainObject(mods.$set) && '_id' in mods.$set) {
        const { _id, ...others } = mods.$set;
        if (doc._id !== undefined && hashValue(doc._id) !== hashValue(_id)) {
          throw new DbError(Codes.ImmutableField, "Performing an update on the path '_id' would modify the immutable field '_id'");
        }
        insertId = { v: cloneDoc(_id) };
        mods = { ...mods, $set: others };
        if (!Object.keys(others).length) delete mods.$set;
      }
      for (const [op, spec] of Object.entries(mods)) {
        if (!isPlainObject(spec)) throw new DbError(Codes.FailedToParse, `Modifiers operate on fields but we found type ${Array.isArray(spec) ? 'array' : typeof spec} instead. For example: {$mod: {<field>: ...}} not {${op}: ${JSON.stringify(spec)}}`);
        if (('_id' in spec || Object.keys(spec).some((k) => k.startsWith('_id.'))) && !opts.inserting && op !== '$setOnInsert') {
          checkIdTouch(doc, op, spec);
        }
      }
      if (!opts.inserting && opts.query) mods = resolvePositional(doc, mods, opts.query);
      const fast = opts.arrayFilters?.length ? null : fastUpdate(doc, mods);
      if (fast) {
        out = fast;
        if (insertId) out = { _id: insertId.v, ...out };
        if (out === doc) return doc;
        if (out._id !== undefined && Object.keys(out)[0] !== '_id') out = { _id: out._id, ...out };
        checkSize(out);
        KNOWN_CHANGED.add(out);
        return out;
      }
      if (Object.keys(mods).length) mingoUpdate(out, mods, opts.arrayFilters, opts.query && !opts.inserting ? stripGeo(opts.query) : undefined, { cloneMode: 'deep', queryOptions: MINGO_OPTIONS });
      if (insertId) out = { _id: insertId.v, ...out };
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

/** Updated copies known to differ from their originals: no need to compare them field by field. */
const KNOWN_CHANGED = new WeakSet<Doc>();
const FAST_OPS = new Set(['$set', '$unset', '$inc', '$push']);

/**
 * The common update — $set/$unset/$inc/$push on plain dotted paths — applied copy-on-write: only the
 * objects along the touched paths are copied, the rest of the stored document (event arrays…) is
 * shared, which is safe because stored documents are never mutated. Returns `doc` itself when nothing
 * changes, and null for anything it does not handle exactly as MongoDB (mingo then applies it).
 */
function fastUpdate(doc: Doc, mods: Doc): Doc | null {
  const paths: string[][] = [];
  for (const [op, spec] of Object.entries(mods)) {
    if (!FAST_OPS.has(op) || !isPlainObject(spec)) return null;
    for (const [k, v] of Object.entries(spec)) {
      const parts = k.split('.');
      if (parts.some((p) => !p || p.startsWith('$') || /^\d+$/.test(p)) || parts[0] === '_id') return null;
      if (op === '$inc' && typeof v !== 'number') return null;
      if (op === '$push' && isPlainObject(v) && Object.keys(v).some((x) => x.startsWith('$'))) {
        if (Object.keys(v).length !== 1 || !Array.isArray(v.$each)) return null;
      }
      paths.push(parts);
    }
  }
  // Overlapping paths are a conflict MongoDB reports: mingo raises it.
  const joined = paths.map((p) => p.join('.'));
  for (let i = 0; i < joined.length; i++) {
    for (let j = 0; j < joined.length; j++) {
      if (i !== j && (joined[i] === joined[j] || joined[j].startsWith(`${joined[i]}.`))) return null;
    }
  }
  const copied = new Set<Doc>();
  let root: Doc = doc;
  let changed = false;
  const own = (o: Doc): Doc => {
    if (copied.has(o)) return o;
    const c = { ...o };
    copied.add(c);
    return c;
  };
  /** The parent object of the last segment, copied along the way; null when the path cannot be created. */
  const parentFor = (parts: string[], create: boolean): Doc | null | undefined => {
    root = own(root);
    let cur = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const next = cur[parts[i]];
      if (next === undefined) {
        if (!create) return undefined;
        const fresh: Doc = {};
        copied.add(fresh);
        cur[parts[i]] = fresh;
        cur = fresh;
      } else if (isPlainObject(next)) {
        const c = own(next);
        cur[parts[i]] = c;
        cur = c;
      } else return null;
    }
    return cur;
  };
  // Nothing is written until every path is known to be plain: a failure leaves the stored document untouched.
  for (const [op, spec] of Object.entries(mods)) {
    for (const k of Object.keys(spec as Doc)) {
      const parts = k.split('.');
      let cur: any = doc;
      for (let i = 0; i < parts.length - 1 && cur !== undefined; i++) {
        cur = cur[parts[i]];
        if (cur === undefined || isPlainObject(cur)) continue;
        // Through an array: mingo knows the rules. Through a scalar: MongoDB cannot create the field ($unset ignores it).
        if (Array.isArray(cur) || op === '$unset') return null;
        throw new DbError(Codes.PathNotViable, `Cannot create field '${parts[i + 1]}' in element {${parts[i]}: ${cur === null ? 'null' : JSON.stringify(cur)}}`);
      }
    }
  }
  for (const [op, spec] of Object.entries(mods)) {
    for (const [k, v] of Object.entries(spec as Doc)) {
      const parts = k.split('.');
      const last = parts[parts.length - 1];
      const existing = getPath(doc, k);
      if (op === '$set') {
        if (existing !== undefined && hashValue(existing) === hashValue(v) && typeof existing === typeof v) continue;
        const parent = parentFor(parts, true);
        if (!parent) return null;
        parent[last] = cloneDoc(v);
        changed = true;
      } else if (op === '$unset') {
        if (existing === undefined && !hasPath(doc, parts)) continue;
        const parent = parentFor(parts, false);
        if (parent === null) return null;
        if (parent === undefined || !(last in parent)) continue;
        delete parent[last];
        changed = true;
      } else if (op === '$inc') {
        if (existing !== undefined && typeof existing !== 'number') return null;
        if (existing !== undefined && v === 0) continue;
        const parent = parentFor(parts, true);
        if (!parent) return null;
        parent[last] = existing === undefined ? v : existing + v;
        changed = true;
      } else {
        if (existing !== undefined && !Array.isArray(existing)) {
          throw new DbError(Codes.BadValue, `The field '${k}' must be an array but is of type ${existing === null ? 'null' : typeof existing} in document {_id: ${JSON.stringify(doc._id)}}`);
        }
        const items = isPlainObject(v) && '$each' in v ? (v.$each as any[]).map(cloneDoc) : [cloneDoc(v)];
        const parent = parentFor(parts, true);
        if (!parent) return null;
        parent[last] = existing === undefined ? items : [...existing, ...items];
        changed = true;
      }
    }
  }
  return changed ? root : doc;
}

function hasPath(doc: Doc, parts: string[]): boolean {
  let cur: any = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    cur = cur?.[parts[i]];
    if (!isPlainObject(cur)) return false;
  }
  return isPlainObject(cur) && parts[parts.length - 1] in cur;
}

const POSITIONAL = /\.\$(?=\.|$)/;

/**
 * Rewrites `a.$.b` paths to the index of the first element of `a` matched by the query, as MongoDB
 * does before applying operators: siblings under one positional element then no longer look like a
 * conflict on `a` to mingo. Paths whose element cannot be resolved are left for mingo to report.
 */
function resolvePositional(doc: Doc, mods: Doc, query: Doc): Doc {
  // Only several paths under one positional element need it; a single one mingo resolves itself.
  const prefixes = new Set<string>();
  let shared = false;
  for (const spec of Object.values(mods)) {
    if (!isPlainObject(spec)) continue;
    for (const k of Object.keys(spec)) {
      const m = POSITIONAL.exec(k);
      if (!m) continue;
      const p = k.slice(0, m.index);
      if (prefixes.has(p)) shared = true;
      prefixes.add(p);
    }
  }
  if (!shared) return mods;
  const conds: [string, any][] = [];
  const collectConds = (q: Doc) => {
    for (const [k, v] of Object.entries(q)) {
      if (k === '$and' && Array.isArray(v)) v.forEach((x) => isPlainObject(x) && collectConds(x));
      else if (!k.startsWith('$')) conds.push([k, v]);
    }
  };
  collectConds(query);
  const indexOf = new Map<string, number | null>();
  const resolve = (arrayPath: string): number | null => {
    if (indexOf.has(arrayPath)) return indexOf.get(arrayPath)!;
    let idx: number | null = null;
    const arr = getPath(doc, arrayPath);
    const mine = conds.filter(([k]) => k === arrayPath || k.startsWith(`${arrayPath}.`));
    if (Array.isArray(arr) && mine.length && !mine.some(([, v]) => isPlainObject(v) && Object.keys(v).some((op) => op.startsWith('$') && op !== '$elemMatch' && op !== '$eq' && op !== '$in' && op !== '$gt' && op !== '$gte' && op !== '$lt' && op !== '$lte'))) {
      try {
        const q = new Query(Object.fromEntries(mine), MINGO_OPTIONS);
        for (let i = 0; i < arr.length; i++) {
          const probe: Doc = {};
          setPath(probe, arrayPath, [arr[i]]);
          if (q.test(probe)) {
            idx = i;
            break;
          }
        }
      } catch {
        idx = null;
      }
    }
    indexOf.set(arrayPath, idx);
    return idx;
  };
  const out: Doc = {};
  for (const [op, spec] of Object.entries(mods)) {
    if (!isPlainObject(spec)) {
      out[op] = spec;
      continue;
    }
    const rewritten: Doc = {};
    for (const [k, v] of Object.entries(spec)) {
      const m = POSITIONAL.exec(k);
      let key = k;
      if (m && op !== '$rename') {
        const arrayPath = k.slice(0, m.index);
        // Only the first $ is positional, and only when nothing before it is itself positional/filtered.
        const idx = arrayPath.includes('$') ? null : resolve(arrayPath);
        if (idx !== null) key = `${arrayPath}.${idx}${k.slice(m.index + 2)}`;
      }
      rewritten[key] = v;
    }
    out[op] = rewritten;
  }
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
  const dollar = isPlainObject(id) ? Object.keys(id).find((k) => k.startsWith('$')) : undefined;
  if (dollar) throw new DbError(Codes.DollarPrefixedFieldName, `_id fields may not contain '$'-prefixed fields: ${dollar} is not valid for storage.`);
}

/** The document an upsert starts from: equality fields of the query (MongoDB's rule). */
function upsertSeed(q: Doc): Doc {
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

/** Builds the document an upsert inserts. */
export function upsertDoc(q: Doc, u: any, arrayFilters?: Doc[], variables?: Doc): Doc {
  const kind = updateKind(u);
  const seed = upsertSeed(q);
  let doc: Doc;
  if (kind === 'replacement') {
    doc = cloneDoc(u);
    if (doc._id === undefined && seed._id !== undefined) doc._id = seed._id;
  } else {
    doc = applyUpdate(seed, u, { arrayFilters, inserting: true, variables });
  }
  if (doc._id === undefined) doc._id = new ObjectId();
  if (Object.keys(doc)[0] !== '_id') doc = { _id: doc._id, ...doc };
  checkId(doc);
  checkSize(doc);
  return doc;
}

export function sameDoc(a: Doc, b: Doc): boolean {
  if (a === b) return true;
  if (KNOWN_CHANGED.has(b)) return false;
  return hashValue(a) === hashValue(b);
}
