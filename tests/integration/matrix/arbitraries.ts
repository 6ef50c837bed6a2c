/**
 * fast-check arbitraries read off a zod schema: values the schema takes, and now and then
 * at any depth something it must refuse (a wrong type, an operator object, an unknown or
 * dotted or prototype key, a missing field). Strings mix Chinese, ASCII and the awkward
 * characters (NUL, U+202E, lone surrogates, '$', '.'); ids are drawn mostly from ids that
 * exist, so the calls reach past "not found".
 */
import fc from 'fast-check';
import type * as z from 'zod';

interface Def {
  type: string;
  checks?: { _zod: { def: { check: string; minimum?: number; maximum?: number; value?: number; inclusive?: boolean; format?: string; pattern?: RegExp } } }[];
  format?: unknown;
  pattern?: unknown;
  [k: string]: unknown;
}
const defOf = (s: unknown) => (s as { _zod: { def: Def } })._zod.def;

const PLAIN_CHARS = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...'心愿帮忙修理陪同社区老人志愿者楼道灯坏了请上门'.split('')) },
  { weight: 3, arbitrary: fc.constantFrom(...'abcXYZ0129 -_,.()'.split('')) },
);
const CHARS = fc.oneof(
  { weight: 9, arbitrary: PLAIN_CHARS },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.constantFrom('\u0000', '\u202e', '\ud800', '\udfff', '$', '.', ' ', '\n', '"', '\\', '<', '13800138000') },
);

/** Any JSON, and the values an attacker reaches for first. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom({ $gt: '' }, { $ne: null }, { $where: 'sleep(1000)' }, [], {}, '', ' ', -1, 1e308, 'a'.repeat(5000), '1; drop', null, true),
);

const SPECIAL_KEYS = ['$where', '$set', 'a.b', '__proto__', 'constructor', 'prototype', 'extra', ''];

function withKey(obj: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const out = { ...obj };
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

export interface ArbOptions {
  /** Ids that exist (wishes, users, units, grids…), for any field shaped like an id. */
  ids: readonly string[];
  /** How often (in 1/n) a node is replaced by junk; 0: never (values the schema takes, mostly). */
  junkOneIn?: number;
}

function stringArb(def: Def, o: ArbOptions): fc.Arbitrary<string> {
  const edges = (o.junkOneIn ?? 0) > 0;
  let min = 0;
  let max = 60;
  let pattern = def.pattern instanceof RegExp ? def.pattern : undefined;
  let format = typeof def.format === 'string' ? def.format : undefined;
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (d.check === 'min_length') min = d.minimum ?? 0;
    if (d.check === 'max_length') max = d.maximum ?? max;
    if (d.check === 'string_format') {
      format = d.format;
      if (d.pattern instanceof RegExp) pattern = d.pattern;
    }
  }
  if (format === 'datetime' || format === 'date') {
    return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => (format === 'date' ? d.toISOString().slice(0, 10) : d.toISOString()));
  }
  if (pattern) {
    const matching = fc.stringMatching(pattern).filter((s) => s.length <= Math.max(max, 1) + 64);
    if (/A-Za-z0-9_-/.test(pattern.source) && o.ids.length > 0) return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...o.ids) }, { weight: 1, arbitrary: matching });
    return matching;
  }
  const inside = fc.string({ unit: edges ? CHARS : PLAIN_CHARS, minLength: Math.max(min, 0), maxLength: Math.min(max, 40) });
  // Around the limits too: the longest allowed, one over, and blank after trimming.
  const limits = fc.constantFrom('心'.repeat(max), '心'.repeat(max + 1), '   ');
  return edges ? fc.oneof({ weight: 6, arbitrary: inside }, { weight: 1, arbitrary: limits }) : inside.filter((x) => x.trim().length >= min);
}

function numberArb(def: Def, edges: boolean): fc.Arbitrary<number> {
  let min = -1e6;
  let max = 1e6;
  let int = false;
  let step: number | undefined;
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (d.check === 'multiple_of') step = d.value;
    if (d.check === 'greater_than') min = d.value ?? min;
    if (d.check === 'less_than') max = d.value ?? max;
    if (d.check === 'number_format' && /int/.test(d.format ?? '')) int = true;
  }
  const inside = step
    ? fc.integer({ min: Math.ceil(min / step), max: Math.floor(max / step) }).map((k) => k * step)
    : int
      ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  // The edges and just past them.
  return edges ? fc.oneof({ weight: 5, arbitrary: inside }, { weight: 1, arbitrary: fc.constantFrom(min, max, min - 1, max + 1, 0.5) }) : inside;
}

/**
 * Input for `schema`: half the time what it takes (so the call gets past validation to the
 * rules), half the time with junk at any depth, one node in `junkOneIn`, and the limits.
 */
export function inputArbitrary(schema: z.ZodType, ids: readonly string[], junkOneIn = 6): fc.Arbitrary<unknown> {
  return fc.oneof(arbitraryOf(schema, { ids, junkOneIn: 0 }), arbitraryOf(schema, { ids, junkOneIn }));
}

function arbitraryOf(schema: unknown, o: ArbOptions): fc.Arbitrary<unknown> {
  const valid = validOf(schema, o);
  const n = o.junkOneIn ?? 0;
  return n > 0 ? fc.oneof({ weight: n - 1, arbitrary: valid }, { weight: 1, arbitrary: junk }) : valid;
}

function validOf(schema: unknown, o: ArbOptions): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return stringArb(def, o);
    case 'number':
      return numberArb(def, (o.junkOneIn ?? 0) > 0);
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, string>));
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'null':
      return fc.constant(null);
    case 'optional':
      return fc.option(arbitraryOf(def.innerType, o), { nil: undefined, freq: 3 });
    case 'nullable':
      return fc.option(arbitraryOf(def.innerType, o), { nil: null, freq: 4 });
    case 'default':
    case 'prefault':
      return fc.option(arbitraryOf(def.innerType, o), { nil: undefined, freq: 3 });
    case 'pipe':
      return validOf(def.in, o);
    case 'union':
      return fc.oneof(...(def.options as unknown[]).map((s) => arbitraryOf(s, o)));
    case 'array': {
      let min = 0;
      let max = 5;
      // Elements only a refinement describes (a photo of this system) can't be made from the schema: none, unless junk is wanted.
      const element = defOf(def.element);
      if (!o.junkOneIn && element.type === 'string' && (element.checks ?? []).some((c) => c._zod.def.check === 'custom')) return fc.constant([]);
      for (const c of def.checks ?? []) {
        if (c._zod.def.check === 'min_length') min = c._zod.def.minimum ?? 0;
        if (c._zod.def.check === 'max_length') max = c._zod.def.maximum ?? max;
      }
      return fc.array(arbitraryOf(def.element, o), { minLength: min, maxLength: Math.min(Math.max(max, min), 6) });
    }
    case 'tuple':
      return fc.tuple(...(def.items as unknown[]).map((s) => arbitraryOf(s, o)));
    case 'record':
      return fc.dictionary(fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.constantFrom(...SPECIAL_KEYS)), arbitraryOf(def.valueType, o), { maxKeys: 4 });
    case 'object':
      return objectOf(def, o);
    default:
      return junk;
  }
}

function objectOf(def: Def, o: ArbOptions): fc.Arbitrary<unknown> {
  const shape = def.shape as Record<string, z.ZodType>;
  const keys = Object.keys(shape);
  const fields = Object.fromEntries(keys.map((k) => [k, arbitraryOf(shape[k], o)]));
  const base = fc.record(fields, { requiredKeys: keys.filter((k) => !shape[k].safeParse(undefined).success) }) as fc.Arbitrary<Record<string, unknown>>;
  const extraKey = fc.tuple(fc.constantFrom(...SPECIAL_KEYS), junk);
  if (!o.junkOneIn) return base;
  return fc.oneof(
    { weight: 10, arbitrary: base },
    // A required field left out, or an extra key the strict object must refuse.
    { weight: 1, arbitrary: fc.tuple(base, fc.constantFrom(...(keys.length ? keys : ['x']))).map(([v, k]) => Object.fromEntries(Object.entries(v).filter(([key]) => key !== k))) },
    { weight: 1, arbitrary: fc.tuple(base, extraKey).map(([v, [k, x]]) => withKey(v, k, x)) },
  );
}
