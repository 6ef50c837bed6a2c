// "Evaluating Matches" of the unified test format: root documents may carry extra fields, nested
// ones may not, numbers compare by value, and `$$` operators assert what a file cannot know in advance.
import { Binary, EJSON } from 'bson';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface MatchContext {
  entity(name: string): unknown;
  sessionLsid(name: string): unknown;
}

export class MatchError extends Error {}

const isDoc = (v: unknown): v is Record<string, Any> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v as Any)._bsontype && !(v instanceof Date) && !(v instanceof RegExp) && !(v instanceof Uint8Array);

function bsonType(v: Any): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 2 ** 31 ? 'int' : 'double';
  if (typeof v === 'bigint') return 'long';
  if (v instanceof Date) return 'date';
  if (v instanceof RegExp) return 'regex';
  switch (v._bsontype) {
    case 'Int32':
      return 'int';
    case 'Long':
      return 'long';
    case 'Double':
      return 'double';
    case 'Decimal128':
      return 'decimal';
    case 'ObjectId':
      return 'objectId';
    case 'Binary':
      return 'binData';
    case 'Timestamp':
      return 'timestamp';
    case 'BSONRegExp':
      return 'regex';
    case 'MinKey':
      return 'minKey';
    case 'MaxKey':
      return 'maxKey';
    case 'Code':
      return v.scope ? 'javascriptWithScope' : 'javascript';
    case 'BSONSymbol':
      return 'symbol';
  }
  if (v instanceof Uint8Array) return 'binData';
  return 'object';
}

const NUMERIC = new Set(['int', 'long', 'double']);

export function toNumber(v: Any): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v && (v._bsontype === 'Int32' || v._bsontype === 'Double')) return Number(v.value);
  if (v && v._bsontype === 'Long') return v.toNumber();
  return null;
}

function typeMatches(actual: Any, want: string): boolean {
  const t = bsonType(actual);
  if (want === 'number') return NUMERIC.has(t) || t === 'decimal';
  if (want === 'long' && t === 'int') return true; // the driver decodes small longs as numbers
  if (want === 'int' && t === 'long') return Number.isSafeInteger(toNumber(actual));
  return t === want;
}

const show = (v: unknown) => {
  try {
    return EJSON.stringify(v as Any, { relaxed: true });
  } catch {
    return String(v);
  }
};

/** An iterable's result (find, aggregate, list*): each document is matched as a root-level document. */
export function matchDocuments(expected: Any, actual: Any, ctx: MatchContext, path: string): void {
  if (Array.isArray(expected) && Array.isArray(actual) && expected.length === actual.length) {
    expected.forEach((e, i) => match(e, actual[i], ctx, `${path}[${i}]`, true));
    return;
  }
  match(expected, actual, ctx, path);
}

export function match(expected: Any, actual: Any, ctx: MatchContext, path = '$', root = true): void {
  actual = plain(actual);
  const fail = (why: string) => {
    throw new MatchError(`${path}: ${why} (expected ${show(expected)}, got ${show(actual)})`);
  };
  if (isDoc(expected)) {
    const keys = Object.keys(expected);
    if (keys.length === 1 && keys[0].startsWith('$$')) return special(keys[0], expected[keys[0]], actual, ctx, path, root);
    if (!isDoc(actual)) return fail('not a document');
    for (const k of keys) {
      const e = expected[k];
      if (isDoc(e) && Object.keys(e).length === 1) {
        const op = Object.keys(e)[0];
        if (op === '$$exists') {
          if (!!e.$$exists !== (k in actual && actual[k] !== undefined)) fail(`key ${k} ${e.$$exists ? 'missing' : 'present'}`);
          continue;
        }
        if (op === '$$unsetOrMatches') {
          if (!(k in actual) || actual[k] === undefined) continue;
          match(e.$$unsetOrMatches, actual[k], ctx, `${path}.${k}`, false);
          continue;
        }
      }
      if (!(k in actual) || actual[k] === undefined) {
        // $$type: 'null' etc. are checked against a present value only
        fail(`missing key ${k}`);
      }
      match(e, actual[k], ctx, `${path}.${k}`, false);
    }
    if (!root) {
      for (const k of Object.keys(actual)) if (!(k in expected) && actual[k] !== undefined) fail(`unexpected key ${k}`);
    }
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return fail('not an array');
    if (actual.length !== expected.length) return fail(`length ${actual.length} != ${expected.length}`);
    expected.forEach((e, i) => match(e, actual[i], ctx, `${path}[${i}]`, false));
    return;
  }
  equalScalar(expected, actual, fail);
}

function equalScalar(expected: Any, actual: Any, fail: (why: string) => void): void {
  const en = toNumber(expected);
  if (en !== null) {
    const an = toNumber(actual);
    if (an === null || an !== en) fail('numbers differ');
    return;
  }
  if (expected === null || expected === undefined) {
    if (actual !== null && actual !== undefined) fail('not null');
    return;
  }
  if (typeof expected !== 'object') {
    if (expected !== actual) fail('values differ');
    return;
  }
  if (show(normalize(expected)) !== show(normalize(actual))) fail('values differ');
}

/** Exact comparison (collection outcomes): key order ignored, numbers by value. */
export function matchExact(expected: Any, actual: Any, path = '$'): void {
  actual = plain(actual);
  const fail = (why: string) => {
    throw new MatchError(`${path}: ${why} (expected ${show(expected)}, got ${show(actual)})`);
  };
  if (isDoc(expected)) {
    if (!isDoc(actual)) return fail('not a document');
    const ek = Object.keys(expected).filter((k) => expected[k] !== undefined);
    const ak = Object.keys(actual).filter((k) => actual[k] !== undefined);
    if (ek.length !== ak.length || ek.some((k) => !(k in actual))) return fail('keys differ');
    for (const k of ek) matchExact(expected[k], actual[k], `${path}.${k}`);
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return fail('arrays differ');
    expected.forEach((e, i) => matchExact(e, actual[i], `${path}[${i}]`));
    return;
  }
  equalScalar(expected, actual, fail);
}

/** The driver hands some command fields (sort, index keys) over as Maps: compare them as documents. */
function plain(v: Any): Any {
  return v instanceof Map ? Object.fromEntries(v) : v;
}

function normalize(v: Any): Any {
  if (v instanceof Uint8Array && !(v as Any)._bsontype) return new Binary(v);
  return v;
}

function special(op: string, arg: Any, actual: Any, ctx: MatchContext, path: string, root: boolean): void {
  const fail = (why: string) => {
    throw new MatchError(`${path}: ${op} ${why} (arg ${show(arg)}, got ${show(actual)})`);
  };
  switch (op) {
    case '$$exists':
      if (!!arg !== (actual !== undefined)) fail('failed');
      return;
    case '$$type': {
      const types: string[] = Array.isArray(arg) ? arg : [arg];
      if (actual === undefined || !types.some((t) => typeMatches(actual, t))) fail(`type is ${bsonType(actual)}`);
      return;
    }
    case '$$unsetOrMatches':
      if (actual === undefined) return;
      return match(arg, actual, ctx, path, root);
    case '$$matchesEntity':
      return match(ctx.entity(arg), actual, ctx, path, root);
    case '$$sessionLsid':
      return matchExact(ctx.sessionLsid(arg), actual, path);
    case '$$lte': {
      const a = toNumber(actual);
      if (a === null || a > (toNumber(arg) ?? NaN)) fail('not <=');
      return;
    }
    case '$$matchesHexBytes': {
      const hex = Buffer.from(actual?.buffer ?? actual ?? []).toString('hex');
      if (hex.toLowerCase() !== String(arg).toLowerCase()) fail('bytes differ');
      return;
    }
    case '$$matchAsDocument':
      return match(arg, EJSON.parse(String(actual), { relaxed: false }), ctx, path, false);
    case '$$matchAsRoot':
      return match(arg, actual, ctx, path, true);
    default:
      fail('is not a supported operator');
  }
}
