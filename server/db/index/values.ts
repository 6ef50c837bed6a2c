// BSON value ordering, hashing and path access, as MongoDB defines them for indexes and sorts.
export type Doc = Record<string, any>;

/**
 * Where each BSON type sorts relative to the others (values of different types compare by this
 * rank alone; values of one rank compare by value). Numbers of every width share one rank, as do
 * strings and symbols, and both regular-expression forms.
 * https://www.mongodb.com/docs/manual/reference/bson-type-comparison-order/
 */
export const Rank = {
  MinKey: 0,
  /** null and a missing field. */
  Null: 1,
  Number: 2,
  String: 3,
  Object: 4,
  Array: 5,
  BinData: 6,
  ObjectId: 7,
  Boolean: 8,
  Date: 9,
  Timestamp: 10,
  RegExp: 11,
  MaxKey: 12,
  /** JavaScript code: after MaxKey here, so it never compares equal to another type. */
  Code: 13,
} as const;
export type Rank = (typeof Rank)[keyof typeof Rank];

export function typeRank(v: any): Rank {
  if (v === undefined || v === null) return Rank.Null;
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return Rank.Number;
    case 'string':
      return Rank.String;
    case 'boolean':
      return Rank.Boolean;
  }
  if (Array.isArray(v)) return Rank.Array;
  if (v instanceof Date) return Rank.Date;
  if (v instanceof RegExp) return Rank.RegExp;
  switch (v._bsontype) {
    case 'MinKey': return Rank.MinKey;
    case 'Long': case 'Int32': case 'Double': case 'Decimal128': return Rank.Number;
    case 'BSONSymbol': return Rank.String;
    case 'Binary': return Rank.BinData;
    case 'ObjectId': return Rank.ObjectId;
    case 'Timestamp': return Rank.Timestamp;
    case 'BSONRegExp': return Rank.RegExp;
    case 'MaxKey': return Rank.MaxKey;
    case 'Code': return Rank.Code;
  }
  return Rank.Object;
}

function toNumber(v: any): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v._bsontype === 'Long') return v.toNumber();
  if (v._bsontype === 'Decimal128') return Number(v.toString());
  return Number(v.valueOf());
}

function cmpPrim(a: any, b: any): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareValues(a: any, b: any): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case Rank.MinKey: case Rank.Null: case Rank.MaxKey: return 0;
    case Rank.Number: {
      const x = toNumber(a), y = toNumber(b);
      if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : -1;
      if (Number.isNaN(y)) return 1;
      return cmpPrim(x, y);
    }
    case Rank.String: return cmpPrim(typeof a === 'string' ? a : a.value, typeof b === 'string' ? b : b.value);
    case Rank.Object: {
      const ka = Object.keys(a), kb = Object.keys(b);
      for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
        const c = typeRank(a[ka[i]]) - typeRank(b[kb[i]]) || cmpPrim(ka[i], kb[i]) || compareValues(a[ka[i]], b[kb[i]]);
        if (c) return c;
      }
      return ka.length - kb.length;
    }
    case Rank.Array: {
      for (let i = 0; i < Math.min(a.length, b.length); i++) {
        const c = compareValues(a[i], b[i]);
        if (c) return c;
      }
      return a.length - b.length;
    }
    case Rank.BinData: {
      const ba: Uint8Array = a.buffer, bb: Uint8Array = b.buffer;
      if (ba.length !== bb.length) return ba.length - bb.length;
      if (a.sub_type !== b.sub_type) return a.sub_type - b.sub_type;
      return Buffer.compare(Buffer.from(ba), Buffer.from(bb));
    }
    case Rank.ObjectId: {
      // bson 7 keeps an ObjectId as four 24-bit words: compare them without materialising bytes.
      if (typeof a.i0 === 'number' && typeof b.i0 === 'number') return a.i0 - b.i0 || a.i1 - b.i1 || a.i2 - b.i2 || a.i3 - b.i3;
      const x: Uint8Array = a.id, y: Uint8Array = b.id;
      for (let i = 0; i < 12; i++) if (x[i] !== y[i]) return x[i] - y[i];
      return 0;
    }
    case Rank.Boolean: return (a ? 1 : 0) - (b ? 1 : 0);
    case Rank.Date: return cmpPrim(a.getTime(), b.getTime());
    case Rank.Timestamp: return a.compare(b);
    default: return cmpPrim(String(a), String(b));
  }
}

/** A string equal for exactly the values MongoDB treats as equal (1 == 1.0 == Long(1)). */
export function hashValue(v: any): string {
  const r = typeRank(v);
  switch (r) {
    case Rank.MinKey: return 'm';
    case Rank.Null: return 'z';
    case Rank.Number: { const n = toNumber(v); return 'n' + (Object.is(n, -0) ? 0 : n); }
    case Rank.String: return 's' + (typeof v === 'string' ? v : v.value);
    case Rank.Object: {
      let s = '{';
      for (const k of Object.keys(v)) s += JSON.stringify(k) + ':' + hashValue(v[k]) + ',';
      return s + '}';
    }
    case Rank.Array: return '[' + v.map(hashValue).join(',') + ']';
    case Rank.BinData: return 'x' + v.sub_type + ':' + Buffer.from(v.buffer).toString('base64');
    case Rank.ObjectId: return 'o' + v.toHexString();
    case Rank.Boolean: return v ? 'T' : 'F';
    case Rank.Date: return 'd' + v.getTime();
    case Rank.Timestamp: return 't' + v.toString();
    case Rank.MaxKey: return 'M';
    default: return 'r' + String(v);
  }
}

/** Values at a dotted path, expanding arrays on the way the way multikey indexes do. */
/**
 * The values at a dotted path, arrays on the way and at its end spread. `arrayDepths`, when given, gains the
 * depth of each array met: 0 for the document's own field, the path's length for an array at its end.
 */
export function pathValues(doc: any, path: string, arrayDepths?: Set<number>): any[] {
  const out: any[] = [];
  walk(doc, path.split('.'), 0, out, arrayDepths);
  return out;
}

function walk(v: any, parts: string[], i: number, out: any[], depths?: Set<number>): void {
  if (i === parts.length) {
    if (Array.isArray(v)) {
      depths?.add(i);
      if (v.length === 0) out.push(undefined);
      else for (const e of v) out.push(e);
    } else out.push(v);
    return;
  }
  if (v === null || v === undefined || typeof v !== 'object') return;
  if (Array.isArray(v)) {
    depths?.add(i);
    const part = parts[i];
    if (/^\d+$/.test(part)) { walk(v[Number(part)], parts, i + 1, out, depths); return; }
    for (const e of v) if (e && typeof e === 'object') walk(e, parts, i, out, depths);
    return;
  }
  if (!(parts[i] in v)) return;
  walk(v[parts[i]], parts, i + 1, out, depths);
}

/** Sets a dotted path, making the objects on the way (a value in the way is replaced). */
export function setPath(doc: Doc, path: string, v: any): void {
  const parts = path.split('.');
  let cur = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    if (!isPlainObject(cur[parts[i]])) cur[parts[i]] = {};
    cur = cur[parts[i]];
  }
  cur[parts[parts.length - 1]] = v;
}

export function getPath(doc: any, path: string): any {
  let v = doc;
  for (const p of path.split('.')) {
    if (v === null || v === undefined || typeof v !== 'object') return undefined;
    v = v[p];
  }
  return v;
}

export function isPlainObject(v: any): v is Doc {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * An empty plain object (prototype Object.prototype) for building documents key by key.
 * BSON's decoder builds documents from `{}` one keyed store at a time, and V8 turns that
 * shape into a slow dictionary after ~20 fields; every object later built from `{}` with the
 * same keys follows the same transitions and goes slow too, and reading, copying and encoding
 * a dictionary-mode document costs 5–10× more. Objects from this constructor have their own
 * transition tree and stay in fast mode.
 */
function PlainDoc(): void {}
PlainDoc.prototype = Object.prototype;
export function newDoc(): Doc {
  return new (PlainDoc as unknown as new () => Doc)();
}

/** Deep copy of plain objects/arrays; BSON value classes are immutable in practice and are shared. */
export function cloneDoc<T>(v: T): T {
  if (Array.isArray(v)) return v.map(cloneDoc) as any;
  if (isPlainObject(v)) {
    const o = newDoc();
    for (const k in v) o[k] = cloneDoc((v as Doc)[k]);
    return o as T;
  }
  if (v instanceof Date) return new Date(v.getTime()) as any;
  return v;
}

/** MongoDB sort order: arrays sort by their smallest (asc) or largest (desc) element. */
export function sortKey(v: any, dir: number): any {
  if (!Array.isArray(v)) return v;
  if (v.length === 0) return undefined;
  let best = v[0];
  for (const e of v) if (compareValues(e, best) * dir < 0) best = e;
  return best;
}

export function makeSortComparator(spec: Record<string, any>): (a: Doc, b: Doc) => number {
  const fields = Object.entries(spec).map(([k, d]) => [k, Number(d) < 0 ? -1 : 1] as const);
  return (a, b) => {
    for (const [k, d] of fields) {
      const c = compareValues(sortKey(getPath(a, k), d), sortKey(getPath(b, k), d));
      if (c) return c * d;
    }
    return 0;
  };
}

/** `{ email: "a@b" }` as MongoDB prints dup keys in E11000 messages. */
export function formatKeyValue(kv: Doc): string {
  const parts = Object.entries(kv).map(([k, v]) => `${k}: ${formatValue(v)}`);
  return parts.length ? `{ ${parts.join(', ')} }` : '{}';
}

function formatValue(v: any): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  if (v?._bsontype === 'ObjectId') return `ObjectId('${v.toHexString()}')`;
  if (Array.isArray(v)) return `[ ${v.map(formatValue).join(', ')} ]`;
  if (isPlainObject(v)) return formatKeyValue(v);
  return String(v);
}
