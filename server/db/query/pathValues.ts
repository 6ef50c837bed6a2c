// MongoDB compares a query operator with every value a dotted path reaches: it walks into each
// document of an array on the way and, at the end, takes a leaf array both whole and element by
// element. mingo flattens that way for `$eq` only; its `$in`, `$nin`, the range operators, `$type` and
// `$all` see the leaf arrays of a path through an array of documents still nested, so
// `{'events.photos': {$in: ['b.jpg']}}` missed a wish whose second step had that photo. These
// operators keep mingo's own answer and add the values mingo's nesting hid; `$nin` is the negation of
// the corrected `$in`, as MongoDB defines it. Missing fields and null stay mingo's (and so MongoDB's)
// rule: only values that exist are added. A path without a dot has no array on the way, and mingo
// already answers it as MongoDB does.
import * as queryOps from 'mingo/operators/query';
import { isEqual } from 'mingo/util';

type AnyDoc = Record<string, any>;
type QueryOperator = (selector: string, operand: any, options: any) => (doc: AnyDoc) => boolean;

const isDocument = (v: unknown): v is AnyDoc =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp) && !(v as AnyDoc)._bsontype;

/** Every existing value `path` reaches in `doc`, by MongoDB's rule (leaf arrays whole and by element). */
export function valuesAtPath(doc: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  walk(doc, path.split('.'), 0, out);
  return out;
}

function walk(value: unknown, parts: string[], i: number, out: unknown[]): void {
  if (value === undefined) return;
  if (i === parts.length) {
    out.push(value);
    if (Array.isArray(value)) out.push(...value);
    return;
  }
  const part = parts[i];
  if (Array.isArray(value)) {
    // A numeric part names a position; it may also be a field of the array's documents.
    if (/^\d+$/.test(part)) walk(value[Number(part)], parts, i + 1, out);
    for (const el of value) if (isDocument(el)) walk(el[part], parts, i + 1, out);
    return;
  }
  if (isDocument(value)) walk(value[part], parts, i + 1, out);
}

/**
 * A range or type operator true when mingo's is, or when mingo's own operator holds for one value
 * the path reaches, asked about that value alone (as the field `v` of a one-field document). A leaf
 * array's elements are values of their own; the array itself is compared only when `arrayMatches`
 * says the operand asks for arrays, since mingo would look inside it one level deeper than MongoDB.
 */
function anyValue(original: QueryOperator, arrayMatches: (operand: any) => boolean = () => false): QueryOperator {
  return (selector, operand, options) => {
    const mingo = original(selector, operand, options);
    if (!selector.includes('.')) return mingo;
    const single = original('v', operand, options);
    const wholeArrays = arrayMatches(operand);
    return (doc) => mingo(doc) || valuesAtPath(doc, selector).some((v) => (Array.isArray(v) ? wholeArrays : single({ v })));
  };
}

/** One value the path reaches equals the wanted one, or is a string the wanted pattern matches. */
const matchesOne = (values: unknown[], want: unknown) =>
  want instanceof RegExp ? values.some((v) => typeof v === 'string' && want.test(v)) : values.some((v) => isEqual(v, want));

const isElemMatch = (x: unknown) => isDocument(x) && Object.keys(x)[0] === '$elemMatch';

/** `$in` is `$or` of one equality (or regex) per listed value; null (missing) stays mingo's. */
const $in: QueryOperator = (selector, operand, options) => {
  const mingo = (queryOps as any).$in(selector, operand, options);
  if (!selector.includes('.')) return mingo;
  const listed: unknown[] = Array.isArray(operand) ? operand.filter((w) => w !== null) : [];
  return (doc) => mingo(doc) || (listed.length > 0 && listed.some((want) => matchesOne(valuesAtPath(doc, selector), want)));
};

/** `$all` is `$and` of one equality (or regex) per listed value, each free to match a different value. */
const $all: QueryOperator = (selector, operand, options) => {
  const mingo = (queryOps as any).$all(selector, operand, options);
  const plain = Array.isArray(operand) && operand.length > 0 && !operand.some(isElemMatch);
  return (doc) => {
    if (mingo(doc)) return true;
    if (!plain) return false;
    const values = valuesAtPath(doc, selector);
    return operand.every((want: unknown) => matchesOne(values, want));
  };
};

const namesArray = (t: unknown): boolean => (Array.isArray(t) ? t.some(namesArray) : t === 'array' || t === 4);

/** The query operators whose mingo versions miss values behind nested arrays, corrected. */
export const pathValueOperators: Record<string, QueryOperator> = {
  $in,
  $nin: (selector, operand, options) => {
    const within = $in(selector, operand, options);
    return (doc) => !within(doc);
  },
  $gt: anyValue((queryOps as any).$gt),
  $gte: anyValue((queryOps as any).$gte),
  $lt: anyValue((queryOps as any).$lt),
  $lte: anyValue((queryOps as any).$lte),
  $type: anyValue((queryOps as any).$type, namesArray),
  $all,
};
