/**
 * Issue 11, L7: no free-text field of any action lets through what turns text around or hides in it.
 * Walks every action's input schema (the registry in shared/actions) to each string it accepts, so a
 * field added later without `text()` fails here rather than on the wall.
 */
import * as z from 'zod';
import { ActionSchemas, type FunctionName } from '@shared';
import { text } from '@shared/schemas/primitives';
import { SAMPLES } from './support/samples';

interface StringLeaf {
  where: string;
  schema: z.ZodType;
  /** The sample's value at this place, when it has one: a value the field accepts. */
  sample?: string;
}

type Def = { type: string; [k: string]: unknown };
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Each string-accepting schema under `schema`, with where it sits (`*` for any element, key or value). */
function stringLeaves(schema: z.ZodType, where: string, sample: unknown, seen = new Set<z.ZodType>()): StringLeaf[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = defOf(schema);
  const at = (s: unknown, w: string, v: unknown) => stringLeaves(s as z.ZodType, w, v, seen);
  const first = (v: unknown) => (Array.isArray(v) ? v[0] : undefined);
  switch (def.type) {
    case 'string':
      return [{ where, schema, sample: typeof sample === 'string' ? sample : undefined }];
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([k, v]) =>
        at(v, `${where}.${k}`, sample && typeof sample === 'object' ? (sample as Record<string, unknown>)[k] : undefined),
      );
    case 'array':
      return at(def.element, `${where}[*]`, first(sample));
    case 'tuple':
      return (def.items as z.ZodType[]).flatMap((item, i) => at(item, `${where}[${i}]`, Array.isArray(sample) ? sample[i] : undefined));
    case 'record':
      return [...at(def.keyType, `${where}{key}`, undefined), ...at(def.valueType, `${where}{*}`, sample && typeof sample === 'object' ? Object.values(sample)[0] : undefined)];
    case 'union':
      return (def.options as z.ZodType[]).flatMap((o) => at(o, where, sample));
    case 'intersection':
      return [...at(def.left, where, sample), ...at(def.right, where, sample)];
    case 'pipe':
      return [...at(def.in, where, sample), ...at(def.out, where, sample)];
    case 'lazy':
      return at((def.getter as () => z.ZodType)(), where, sample);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return at(def.innerType, where, sample);
    default:
      return [];
  }
}

const sampleOf = (fn: string, action: string) => (SAMPLES as Record<string, Record<string, unknown>>)[fn][action];
const leaves = (Object.keys(ActionSchemas) as FunctionName[]).flatMap((fn) =>
  Object.entries(ActionSchemas[fn] as Record<string, z.ZodType>).flatMap(([action, schema]) => stringLeaves(schema, `${fn}.${action}`, sampleOf(fn, action))),
);

const HIDDEN: [string, string][] = [
  ['NUL', '\u0000'],
  ['BEL', '\u0007'],
  ['ESC', '\u001b'],
  ['DEL', '\u007f'],
  ['C1 CSI', '\u009b'],
  ['RLO (right-to-left override)', '\u202e'],
  ['LRE (embedding)', '\u202a'],
  ['PDF', '\u202c'],
  ['RLI (isolate)', '\u2067'],
  ['PDI', '\u2069'],
  ['RLM', '\u200f'],
  ['lone high surrogate', '\ud83d'],
  ['lone low surrogate', '\ude00'],
];

describe('every string an action accepts (issue 11, L7)', () => {
  test('the walk finds the free-text fields (the registry is really read)', () => {
    const where = leaves.map((l) => l.where);
    expect(leaves.length).toBeGreaterThan(40);
    for (const field of ['wishes.create.title', 'wishes.create.description', 'tasks.complete.note', 'wishes.rate.comment', 'dispatch.reject.reason']) {
      expect(where).toContain(field);
    }
  });

  test.each(HIDDEN)('%s is refused in the middle, at the start and at the end of every one', (_name, ch) => {
    const escaped = leaves.flatMap((leaf) => {
      const base = leaf.sample ?? '邻里互助';
      const half = Math.floor(base.length / 2);
      return [base.slice(0, half) + ch + base.slice(half), ch + base, base + ch]
        .filter((v) => leaf.schema.safeParse(v).success)
        .map((v) => `${leaf.where} accepted ${JSON.stringify(v)}`);
    });
    expect(escaped).toEqual([]);
  });

  test('whatever is accepted comes out NFC and trimmed', () => {
    const decomposed = ' 维修e\u0301 ';
    const kept = leaves.flatMap((leaf) => {
      const r = leaf.schema.safeParse(decomposed);
      return r.success && r.data !== '维修é' ? [`${leaf.where} → ${JSON.stringify(r.data)}`] : [];
    });
    expect(kept).toEqual([]);
    // The walk does reach text that accepts it: this is no empty check.
    expect(leaves.filter((l) => l.schema.safeParse(decomposed).success).length).toBeGreaterThan(10);
  });

  test('line breaks and tabs stay in multi-line text only; a typed CRLF becomes LF', () => {
    const multi = leaves.filter((l) => l.schema.safeParse('第一行\n\t第二行').success).map((l) => l.where);
    expect(multi).toEqual(expect.arrayContaining(['wishes.create.description', 'tasks.complete.note', 'wishes.rate.comment', 'dispatch.reject.reason']));
    expect(multi).not.toContain('wishes.create.title');
    expect(multi).not.toContain('wishes.create.address');
    expect(text(20, { multiline: true }).parse('第一行\r\n第二行\r第三行')).toBe('第一行\n第二行\n第三行');
  });

  test('ordinary Chinese, emoji (a proper pair) and Arabic text pass untouched', () => {
    expect(text(40).parse('  帮忙修水管 🔧  ')).toBe('帮忙修水管 🔧');
    expect(text(40).parse('مرحبا 你好')).toBe('مرحبا 你好');
  });
});
