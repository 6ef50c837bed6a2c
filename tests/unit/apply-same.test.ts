import fc from 'fast-check';
import { same } from '../../cloudfunctions/_core/apply';

/** What the database would keep: dates as instants, undefined fields gone, keys in one order. */
function stored(v: unknown): unknown {
  if (v instanceof Date) return { $date: v.getTime() };
  if (Array.isArray(v)) return v.map(stored);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, stored(x)]));
  }
  return v;
}

const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom('open', 'claimed', ''),
    fc.integer({ min: -2, max: 2 }),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom(new Date(0), new Date(1), new Date(1)),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.option(tie('value'), { nil: undefined }), { maxKeys: 3 }),
  ),
}));

describe('a transition writes only the fields that changed', () => {
  test('two values are the same exactly when the database would store them alike', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(same(a, b)).toBe(JSON.stringify(stored(a)) === JSON.stringify(stored(b)));
        expect(same(a, a)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  test('a claim whose lease moved, a date that changed, or a field that appeared is a change', () => {
    const claim = { claimerId: 'u-1', leaseUntil: new Date('2026-12-01T10:00:00Z') };
    expect(same([claim], [{ ...claim, leaseUntil: new Date('2026-12-02T10:00:00Z') }])).toBe(false);
    expect(same([claim], [{ ...claim }])).toBe(true);
    expect(same({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(same({ a: 1 }, { a: 1, b: null })).toBe(false);
    expect(same([1, 2], { 0: 1, 1: 2 })).toBe(false);
  });
});
