// Picks an index for a filter: equality beats range, unique beats non-unique. Returns candidate ids
// (a superset of the matches) or null when only a collection scan can answer.
import { Bounds, FieldIndex } from '../index/fieldIndex';
import { Doc, hashValue, isPlainObject, typeRank } from '../index/values';
import { Collection } from '../storage/collection';

interface FieldCond {
  eq?: any[];
  lo?: { v: any; inclusive: boolean };
  hi?: { v: any; inclusive: boolean };
}

const usableScalar = (v: any) => {
  const r = typeRank(v);
  // Arrays, regexes and MinKey/MaxKey have match rules an index bound cannot express simply.
  return r !== 5 && r !== 11 && r !== 0 && r !== 12 && r !== 13;
};

function collect(filter: Doc, out: Map<string, FieldCond>): void {
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$and' && Array.isArray(v)) {
      for (const sub of v) if (isPlainObject(sub)) collect(sub, out);
      continue;
    }
    if (k.startsWith('$')) continue;
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
  for (const ix of coll.indexes) {
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

export function planCandidates(coll: Collection, filter: Doc): string[] | null {
  const conds = new Map<string, FieldCond>();
  collect(filter, conds);
  if (!conds.size) return null;
  // _id equality is a hash lookup: documents are keyed by the hash of their _id.
  const idEq = conds.get('_id')?.eq;
  if (idEq) return [...new Set(idEq.map(hashValue))];
  let best: { ix: FieldIndex; bounds: Bounds; score: number } | null = null;
  for (const ix of coll.indexes) {
    if (ix.spec.partialFilterExpression) continue;
    const c = conds.get(ix.fields[0]);
    if (!c) continue;
    let bounds: Bounds;
    let score: number;
    if (c.eq) {
      // A sparse index has no entry for missing fields, so it cannot answer equality with null.
      if (ix.spec.sparse && c.eq.some((v) => v === null)) continue;
      bounds = { eq: c.eq };
      score = ix.spec.unique && ix.fields.length === 1 ? 3 : 2;
    } else {
      if (c.lo && c.hi && typeRank(c.lo.v) !== typeRank(c.hi.v)) continue;
      // On a multikey index two bounds may be met by different elements: keep only one.
      bounds = ix.multikey ? (c.lo ? { lo: c.lo } : { hi: c.hi }) : { lo: c.lo, hi: c.hi };
      score = 1;
    }
    if (!best || score > best.score) best = { ix, bounds, score };
  }
  if (!best) return null;
  const ids = best.ix.scan(best.bounds);
  return best.ix.multikey || (best.bounds.eq && best.bounds.eq.length > 1) ? [...new Set(ids)] : ids;
}
