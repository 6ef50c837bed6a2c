// Runs a filter against a view: index candidates (or a scan), geo clauses, mingo for the rest.
import { Codes, DbError, toDbError } from '../errors';
import { angularDistance, EARTH_RADIUS_M } from '../index/geometry';
import { compareValues, Doc, isPlainObject, makeSortComparator, pathValues, typeRank } from '../index/values';
import { Collection } from '../storage/collection';
import { MINGO_OPTIONS, Query, aggregate } from '../mingoOptions';
import { matchesWithin, nearDistance, NearClause, splitGeo } from './geoFilter';
import { planCandidates, planSortedWalk } from './plan';

/** Above this many index candidates, an index that yields sort order beats sorting them. */
const SORT_WALK_THRESHOLD = 1000;
/** With fewer index candidates than this, checking them beats asking the geo index for a shape's cells. */
const GEO_PREFER_BELOW = 64;
import { View } from './view';

export interface QueryOptions {
  sort?: Doc | null;
  skip?: number;
  limit?: number;
  /** The command's `let` variables, already evaluated ($$name in $expr). */
  variables?: Doc;
}

export interface Matcher {
  test(doc: Doc): boolean;
}

const matchAll: Matcher = { test: () => true };

/** Scalars whose equality match needs no mingo: a field equals it or an array field contains it. */
function isSimpleScalar(v: any): boolean {
  const t = typeof v;
  if (t === 'string' || t === 'boolean' || (t === 'number' && !Number.isNaN(v))) return true;
  return v instanceof Date || v?._bsontype === 'ObjectId';
}

type Test = (values: any[]) => boolean;

/** Values at the path of the same type as `v` (MongoDB compares only within a type) and how they compare. */
const sameType = (v: any) => {
  const r = typeRank(v);
  return (values: any[], ok: (c: number) => boolean) => values.some((x) => typeRank(x) === r && ok(compareValues(x, v)));
};

/** Comparison operators on a scalar, as MongoDB applies them to every value at a path (array elements included). */
const OPERATORS: Record<string, (v: any) => Test | null> = {
  $eq: (v) => (isSimpleScalar(v) ? (xs) => sameType(v)(xs, (c) => c === 0) : null),
  $ne: (v) => (isSimpleScalar(v) ? (xs) => !sameType(v)(xs, (c) => c === 0) : null),
  $gt: (v) => (isSimpleScalar(v) ? (xs) => sameType(v)(xs, (c) => c > 0) : null),
  $gte: (v) => (isSimpleScalar(v) ? (xs) => sameType(v)(xs, (c) => c >= 0) : null),
  $lt: (v) => (isSimpleScalar(v) ? (xs) => sameType(v)(xs, (c) => c < 0) : null),
  $lte: (v) => (isSimpleScalar(v) ? (xs) => sameType(v)(xs, (c) => c <= 0) : null),
  $in: (list) => (Array.isArray(list) && list.every(isSimpleScalar) ? (xs) => list.some((v) => sameType(v)(xs, (c) => c === 0)) : null),
  $nin: (list) => (Array.isArray(list) && list.every(isSimpleScalar) ? (xs) => !list.some((v) => sameType(v)(xs, (c) => c === 0)) : null),
};

/** `{ path: scalar }` or `{ path: { $op: scalar, … } }` with the operators above; null for anything else. */
function simpleCondition(path: string, spec: any): Test | null {
  if (path.startsWith('$')) return null;
  if (isSimpleScalar(spec)) return OPERATORS.$eq(spec);
  if (!isPlainObject(spec)) return null;
  const ops = Object.keys(spec);
  if (!ops.length) return null;
  const tests: Test[] = [];
  for (const op of ops) {
    const t = Object.prototype.hasOwnProperty.call(OPERATORS, op) ? OPERATORS[op](spec[op]) : null;
    if (!t) return null;
    tests.push(t);
  }
  return (xs) => tests.every((t) => t(xs));
}

export function compileFilter(filter: Doc, variables?: Doc): Matcher {
  const keys = Object.keys(filter);
  if (!keys.length) return matchAll;
  // Variables only reach $expr, which is never cached (filterKey refuses it).
  if (variables && '$expr' in filter) {
    try {
      return new Query(filter, { ...MINGO_OPTIONS, variables });
    } catch (e) {
      throw toDbError(e);
    }
  }
  // The common shapes (equality, $ne, ranges, $in on scalars) are matched directly: the nearby list and
  // every claim's conditions run through here, and mingo costs several times more per document.
  const simple = keys.map((k) => [k, simpleCondition(k, filter[k])] as const);
  if (simple.every(([, t]) => t)) {
    return { test: (doc) => simple.every(([k, t]) => t!(pathValues(doc, k))) };
  }
  // The same filters recur (the same caller's nearby list, a claim's conditions): reuse their compiled form.
  const key = filterKey(filter);
  const hit = key === null ? undefined : compiled.get(key);
  if (hit) return hit;
  let q: Query;
  try {
    q = new Query(filter, MINGO_OPTIONS);
  } catch (e) {
    throw toDbError(e);
  }
  if (key !== null) {
    if (compiled.size >= COMPILED_MAX) compiled.clear();
    compiled.set(key, q);
  }
  return q;
}

const COMPILED_MAX = 2000;
const compiled = new Map<string, Query>();

/** An unambiguous text of a filter (types kept apart, strings quoted); null for values not worth keying. */
function filterKey(v: any): string | null {
  if (v === null) return 'z';
  const t = typeof v;
  if (t === 'string') return JSON.stringify(v);
  if (t === 'number') return Object.is(v, -0) ? 'n-0' : `n${v}`;
  if (t === 'boolean') return v ? 'T' : 'F';
  if (t !== 'object') return null;
  if (Array.isArray(v)) {
    let s = '[';
    for (const x of v) {
      const k = filterKey(x);
      if (k === null) return null;
      s += `${k},`;
    }
    return `${s}]`;
  }
  if (v instanceof Date) return `d${v.getTime()}`;
  if (v instanceof RegExp) return `r${JSON.stringify(v.source)}/${v.flags}`;
  if (v._bsontype === 'ObjectId') return `o${v.toHexString()}`;
  if (!isPlainObject(v)) return null;
  let s = '{';
  for (const k of Object.keys(v)) {
    // An expression may read $$NOW, which a compiled query would freeze at its first use.
    if (k === '$expr' || k === '$where' || k === '$function') return null;
    const x = filterKey(v[k]);
    if (x === null) return null;
    s += `${JSON.stringify(k)}:${x},`;
  }
  return `${s}}`;
}

/** Matching documents in result order. Stored objects are returned: callers must not mutate them. */
export function runQuery(view: View, coll: Collection | undefined, filter: Doc = {}, opts: QueryOptions = {}): Doc[] {
  if (!coll) return [];
  const geo = splitGeo(filter ?? {});
  const matcher = compileFilter(geo.rest, opts.variables);
  const skip = Math.max(0, opts.skip ?? 0);
  const limit = opts.limit && opts.limit > 0 ? opts.limit : Infinity;
  const sort = opts.sort && Object.keys(opts.sort).length ? opts.sort : null;
  const want = sort ? Infinity : skip + limit;
  const out: Doc[] = [];
  const accept = (d: Doc | undefined) => {
    if (!d) return false;
    try {
      if (geo.within.length && !matchesWithin(d, geo.within)) return false;
      return matcher.test(d);
    } catch (e) {
      throw toDbError(e);
    }
  };

  if (geo.near) {
    for (const { d } of nearIterator(view, coll, geo.near)) {
      if (accept(d)) out.push(d);
      if (out.length >= want) break;
    }
  } else {
    let ids: Iterable<string> | null = planCandidates(coll, geo.rest);
    let sorted = false;
    if (sort && view.live && (!ids || (ids as string[]).length > SORT_WALK_THRESHOLD)) {
      // Walking an index in sort order lets a limit stop early instead of sorting every match.
      const walk = planSortedWalk(coll, geo.rest, sort);
      if (walk) {
        ids = walk;
        sorted = true;
      }
    }
    if (geo.within.length && !sorted && (!ids || (ids as string[]).length > GEO_PREFER_BELOW)) {
      // A shape's cells in the 2dsphere index usually narrow far more than a broad equality (status: 'open').
      const g = coll.plannableGeo.find((x) => geo.within.some((w) => w.field === x.field && w.box));
      const w = g && geo.within.find((x) => x.field === g.field && x.box);
      if (g && w) {
        const inShape = g.within(w.box!);
        if (!ids || inShape.length < (ids as string[]).length) ids = inShape;
      }
    }
    if (ids && !view.live) ids = new Set([...ids, ...view.extraIds(coll)]);
    const stopAt = sorted ? skip + limit : want;
    for (const id of ids ?? view.allIds(coll)) {
      const d = view.get(coll, id);
      if (accept(d)) out.push(d!);
      if (out.length >= stopAt) break;
    }
    if (sorted) return out.slice(skip, skip + limit);
  }
  if (sort) out.sort(makeSortComparator(sort));
  return skip || limit !== Infinity ? out.slice(skip, skip + limit) : out;
}

/** Documents in distance order, each with its distance (radians); uses the 2dsphere index as MongoDB requires for $near. */
export function* nearIterator(view: View, coll: Collection, near: NearClause): Generator<{ d: Doc; dist: number }> {
  const ix = coll.plannableGeo.find((g) => g.field === near.field);
  if (!ix) throw new DbError(Codes.NoQueryExecutionPlans, 'error processing query: planner returned error :: caused by :: unable to find index for $geoNear query');
  if (view.live) {
    for (const hit of ix.near(near.center, near.maxDist, near.minDist)) {
      const d = view.get(coll, hit.id);
      if (d) yield { d, dist: hit.dist };
    }
    return;
  }
  // A snapshot may differ from the live index: rank everything it can see (transactions are small and rare).
  const scored: { d: Doc; dist: number }[] = [];
  for (const id of view.allIds(coll)) {
    const d = view.get(coll, id);
    if (!d) continue;
    const dist = nearDistance(d, near);
    if (dist <= near.maxDist && dist >= near.minDist) scored.push({ d, dist });
  }
  scored.sort((a, b) => a.dist - b.dist);
  yield* scored;
}

export { angularDistance, EARTH_RADIUS_M };

/** A command's `let`: each value is an expression evaluated once, with no document (MongoDB's rule). */
export function letVariables(spec: unknown): Doc | undefined {
  if (spec === undefined || spec === null) return undefined;
  if (!isPlainObject(spec)) throw new DbError(Codes.TypeMismatch, "BSON field 'let' is the wrong type, expected type 'object'");
  for (const name of Object.keys(spec)) {
    if (!/^[a-z][A-Za-z0-9_]*$/.test(name)) throw new DbError(Codes.FailedToParse, `'${name}' starts with an invalid character for a user variable name`);
  }
  try {
    return aggregate([{}], [{ $replaceWith: spec }], MINGO_OPTIONS)[0] as Doc;
  } catch (e) {
    throw toDbError(e);
  }
}
