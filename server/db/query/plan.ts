// Picks an index for a filter: equality beats range, unique beats non-unique. Returns candidate ids
// (a superset of the matches) or null when only a collection scan can answer.
import { Bounds, FieldIndex } from '../index/fieldIndex';
import { Doc, hashValue, isPlainObject, Rank, typeRank } from '../index/values';
import { Collection } from '../storage/collection';

interface FieldCond {
  eq?: any[];
  lo?: { v: any; inclusive: boolean };
  hi?: { v: any; inclusive: boolean };
  /**
   * From an $elemMatch (`of`, the innermost one) on a path of `depth` parts: its conditions hold for one element of
   * that array, so a multikey index may use both bounds of a field, and compound the bounds of fields sharing the
   * array, when it has met no array deeper than that element (a nested array's values could meet them apart, as
   * MongoDB's multikey paths say).
   */
  elem?: { of: Doc; depth: number };
}

const usableScalar = (v: any) => {
  const r = typeRank(v);
  // Arrays, regexes and MinKey/MaxKey have match rules an index bound cannot express simply.
  return r !== Rank.Array && r !== Rank.RegExp && r !== Rank.MinKey && r !== Rank.MaxKey && r !== Rank.Code;
};

function collect(filter: Doc, out: Map<string, FieldCond>): void {
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$and' && Array.isArray(v)) {
      for (const sub of v) if (isPlainObject(sub)) collect(sub, out);
      continue;
    }
    if (k.startsWith('$')) continue;
    if (isPlainObject(v) && isPlainObject(v.$elemMatch) && Object.keys(v.$elemMatch).every((f) => !f.startsWith('$') || f === '$and')) {
      // An element matching {a: x} means the dotted path `k.a` holds x: a superset the index on `k.a` can serve.
      // Not null: an element without the field matches null, yet its siblings may give the path other values.
      const inner = new Map<string, FieldCond>();
      collect(v.$elemMatch, inner);
      const depth = k.split('.').length;
      for (const [f, c] of inner) {
        // An $elemMatch inside this one keeps its own element, now a path from the document.
        const elem = c.elem ? { of: c.elem.of, depth: depth + c.elem.depth } : { of: v.$elemMatch, depth };
        const cond: FieldCond = { ...c, eq: c.eq?.some((x) => x === null) ? undefined : c.eq, elem };
        if (!out.has(`${k}.${f}`) && (cond.eq || cond.lo || cond.hi)) out.set(`${k}.${f}`, cond);
      }
      continue;
    }
    // A condition beside an $elemMatch's on the same path is not about its element: the $elemMatch's alone is kept.
    if (out.get(k)?.elem) continue;
    const cond = out.get(k) ?? {};
    if (isPlainObject(v) && Object.keys(v).some((op) => op.startsWith('$'))) {
      for (const [op, arg] of Object.entries(v)) {
        if (op === '$eq' && usableScalar(arg)) cond.eq = [arg];
        else if (op === '$in' && Array.isArray(arg) && arg.every(usableScalar)) cond.eq = arg;
        else if ((op === '$gt' || op === '$gte') && usableScalar(arg) && arg !== null) cond.lo = { v: arg, inclusive: op === '$gte' };
        else if ((op === '$lt' || op === '$lte') && usableScalar(arg) && arg !== null) cond.hi = { v: arg, inclusive: op === '$lte' };
      }
    } else if (usableScalar(v)) {
      cond.eq = [v];
    }
    if (cond.eq || cond.lo || cond.hi) out.set(k, cond);
  }
}

/**
 * An index walk that yields ids already in `sort` order: equality on the index's leading fields,
 * then exactly the sort fields, all ascending or all descending. Null when no index fits.
 */
export function planSortedWalk(coll: Collection, filter: Doc, sort: Doc): Iterable<string> | null {
  const sortFields = Object.keys(sort);
  const dirs = sortFields.map((f) => (Number(sort[f]) < 0 ? -1 : 1));
  if (!sortFields.length || dirs.some((d) => d !== dirs[0]) || sortFields.some((f) => f.startsWith('$'))) return null;
  const conds = new Map<string, FieldCond>();
  collect(filter, conds);
  let best: { ix: FieldIndex; prefix: any[] } | null = null;
  for (const ix of coll.plannable) {
    if (ix.multikey || ix.spec.sparse || ix.spec.partialFilterExpression) continue;
    const prefix: any[] = [];
    let p = 0;
    while (p < ix.fields.length) {
      const c = conds.get(ix.fields[p]);
      if (!c?.eq || c.eq.length !== 1 || ix.fields[p] === sortFields[0]) break;
      prefix.push(c.eq[0]);
      p++;
    }
    if (ix.fields.length < p + sortFields.length) continue;
    if (!sortFields.every((f, i) => ix.fields[p + i] === f)) continue;
    if (!best || prefix.length > best.prefix.length) best = { ix, prefix };
  }
  return best ? best.ix.walk(best.prefix, dirs[0] < 0) : null;
}

/** Equality prefixes tried at most: an $in on each of two fields multiplies. */
const MAX_PREFIXES = 64;

/**
 * Candidate ids for a filter (a superset of its matches), or null when only a scan can answer.
 * A top-level $or is served as the union of its branches, each planned with the rest of the filter,
 * when every branch can use an index.
 */
export function planCandidates(coll: Collection, filter: Doc): string[] | null {
  const branches = filter.$or;
  if (Array.isArray(branches) && branches.length > 0 && branches.every(isPlainObject)) {
    const { $or: _or, ...rest } = filter;
    const union = new Set<string>();
    let indexed = true;
    for (const branch of branches) {
      const ids = planConjunction(coll, { $and: [rest, branch] });
      if (!ids) {
        indexed = false;
        break;
      }
      for (const id of ids) union.add(id);
    }
    if (indexed) return [...union];
  }
  return planConjunction(coll, filter);
}

interface Plan { ix: FieldIndex; prefix: any[][]; range?: Bounds; score: number }

/** How far a tie between equally good indexes is counted: enough to tell a role's few holders from a community's members. */
const TIE_COUNT = 256;

/** The ids a plan yields; with `max`, it stops after that many index entries and says whether it did. */
function run({ ix, prefix, range }: Plan, max = Infinity): { ids: string[]; capped: boolean } {
  const count = prefix.reduce((n, values) => n * values.length, 1);
  let entries: string[];
  let distinct: boolean;
  if (prefix.length === 0 || (prefix.length === 1 && !range) || count > MAX_PREFIXES) {
    // One field's bounds: the first field's equality or range, as the index has always served them.
    entries = ix.scan(prefix.length ? { eq: prefix[0] } : range!, max);
    distinct = !ix.multikey && !(prefix.length && prefix[0].length > 1);
  } else {
    const combos = prefix.reduce<any[][]>((acc, values) => acc.flatMap((t) => values.map((v) => [...t, v])), [[]]);
    entries = [];
    for (const t of combos) {
      if (entries.length >= max) break;
      entries.push(...ix.scanPrefix(t, range, max - entries.length));
    }
    distinct = !ix.multikey && combos.length === 1;
  }
  // A multikey index lists a document once per key, several values of an $in may meet the same one.
  return { ids: distinct ? entries : [...new Set(entries)], capped: entries.length >= max };
}

/**
 * The deepest array two fields of an index share (a depth both met an array at, within the parts their paths have in
 * common), 0 for none. Keys pair such fields' values element by element (index/keys.ts).
 */
function sharedArrayDepth(ix: FieldIndex, f: string, g: string): number {
  const a = f.split('.');
  const b = g.split('.');
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  const theirs = ix.arrayDepths.get(g);
  let deepest = 0;
  for (const d of ix.arrayDepths.get(f) ?? []) if (d <= common && theirs?.has(d) && d > deepest) deepest = d;
  return deepest;
}

/**
 * Whether the bounds of two fields of an index may be used together. Fields in no shared array: always, each key
 * pairs every value of one with every value of the other. Fields sharing an array: a key holds the values of one
 * element, so only when one $elemMatch asks both of one element, over no array deeper than that element (MongoDB's
 * rule); `{'e.x': 1, 'e.y': 2}` may be met by two elements, and no key holds both.
 */
function compoundable(ix: FieldIndex, f: string, cf: FieldCond, g: string, cg: FieldCond): boolean {
  const shared = sharedArrayDepth(ix, f, g);
  if (!shared) return true;
  return cf.elem !== undefined && cf.elem.of === cg.elem?.of && shared <= cf.elem.depth;
}

function planConjunction(coll: Collection, filter: Doc): string[] | null {
  const conds = new Map<string, FieldCond>();
  collect(filter, conds);
  if (!conds.size) return null;
  // _id equality is a hash lookup: documents are keyed by the hash of their _id.
  const idEq = conds.get('_id')?.eq;
  if (idEq) return [...new Set(idEq.map(hashValue))];
  const plans: Plan[] = [];
  for (const ix of coll.plannable) {
    if (ix.spec.partialFilterExpression) continue;
    // Equality on the leading fields, then at most a range on the next one.
    const prefix: any[][] = [];
    let range: Bounds | undefined;
    for (let p = 0; p < ix.fields.length; p++) {
      const f = ix.fields[p];
      const c = conds.get(f);
      if (!c) break;
      if (!ix.fields.slice(0, p).every((g) => compoundable(ix, g, conds.get(g)!, f, c))) break;
      if (c.eq) {
        // A sparse index has no entry for missing fields, so it cannot answer equality with null.
        if (ix.spec.sparse && c.eq.some((v) => v === null)) break;
        prefix.push(c.eq);
        continue;
      }
      if (c.lo && c.hi && typeRank(c.lo.v) !== typeRank(c.hi.v)) break;
      // On a multikey index two bounds may be met by different elements: keep only one, unless one
      // $elemMatch asks both of the same element (MongoDB intersects those bounds too).
      const oneElement = c.elem !== undefined && [...(ix.arrayDepths.get(f) ?? [])].every((d) => d <= c.elem!.depth);
      range = ix.multikey && !oneElement ? (c.lo ? { lo: c.lo } : { hi: c.hi }) : { lo: c.lo, hi: c.hi };
      break;
    }
    if (!prefix.length && !range) continue;
    const score = ix.spec.unique && ix.fields.length === 1 && prefix.length === 1 ? 1000 : 2 * prefix.length + (range ? 1 : 0);
    plans.push({ ix, prefix, range, score });
  }
  if (!plans.length) return null;
  const top = Math.max(...plans.map((p) => p.score));
  const tied = plans.filter((p) => p.score === top);
  if (tied.length === 1) return run(tied[0]).ids;
  // Equally good on paper: the one that yields fewer, counted no further than needed. A count that
  // stopped short of the cap is the whole answer already.
  const counted = tied.map((p) => ({ p, ...run(p, TIE_COUNT) }));
  counted.sort((a, b) => (a.capped === b.capped ? a.ids.length - b.ids.length : a.capped ? 1 : -1));
  return counted[0].capped ? run(counted[0].p).ids : counted[0].ids;
}
