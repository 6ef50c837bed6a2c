// find-style projection through mingo (supports inclusion/exclusion, $slice, $elemMatch, positional).
import { toDbError } from '../errors';
import { Doc, isPlainObject, newDoc } from '../index/values';
import { MINGO_OPTIONS, Query } from '../mingoOptions';

interface SimpleProjection {
  include: boolean;
  fields: Set<string>;
  keepId: boolean;
}

/** Top-level inclusion or exclusion only (`{ events: 0 }`, `{ title: 1, _id: 0 }`): done without mingo. Null otherwise. */
function simpleProjection(projection: Doc): SimpleProjection | null {
  let include: boolean | null = null;
  let keepId = true;
  const fields = new Set<string>();
  for (const [k, v] of Object.entries(projection)) {
    if (k.includes('.') || k.startsWith('$')) return null;
    if (v !== 0 && v !== 1 && v !== true && v !== false) return null;
    const on = v === 1 || v === true;
    if (k === '_id') {
      keepId = on;
      continue;
    }
    if (include === null) include = on;
    else if (include !== on) return null;
    fields.add(k);
  }
  if (include === null) {
    // Only _id named: {_id: 0} excludes it, {_id: 1} keeps just it.
    return keepId ? { include: true, fields, keepId } : { include: false, fields: new Set(['_id']), keepId: false };
  }
  return { include, fields, keepId };
}

/** A new top-level object sharing the kept values with `doc` (readers only encode them). */
function projectSimple(doc: Doc, p: SimpleProjection): Doc {
  const out = newDoc();
  for (const k in doc) {
    if (k === '_id') {
      if (p.keepId) out._id = doc._id;
      continue;
    }
    if (p.fields.has(k) === p.include) out[k] = doc[k];
  }
  return out;
}

/** Null when mingo must do it; callers keep the stored documents unmodified either way. */
export function fastProjector(projection: Doc | undefined | null): ((doc: Doc) => Doc) | null {
  if (!projection || !isPlainObject(projection)) return null;
  const p = simpleProjection(projection);
  return p ? (doc) => projectSimple(doc, p) : null;
}

/** MongoDB returns `_id` first whatever the projection's order; mingo may not. */
function idFirst(doc: Doc): Doc {
  if (!('_id' in doc)) return doc;
  for (const k in doc) {
    if (k === '_id') return doc;
    break;
  }
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}

export function applyProjection(docs: Doc[], projection: Doc | undefined | null, filter?: Doc): Doc[] {
  if (!projection || !isPlainObject(projection) || !Object.keys(projection).length) return docs;
  const fast = fastProjector(projection);
  if (fast) return docs.map(fast);
  const positional = Object.keys(projection).some((k) => k.endsWith('.$'));
  try {
    return new Query(positional && filter ? filter : {}, MINGO_OPTIONS).find<Doc>(docs, projection).all().map(idFirst);
  } catch (e) {
    throw toDbError(e);
  }
}
