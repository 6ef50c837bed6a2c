/**
 * The embedded database matches the common filter shapes (equality, $ne, ranges, $in/$nin on
 * scalars) without mingo. Whatever the documents look like — missing fields, arrays, arrays of
 * sub-documents, mixed types — it must decide exactly as mingo (MongoDB's semantics) does.
 */
import fc from 'fast-check';
import { MINGO_OPTIONS, Query } from '../../server/db/mingoOptions';
import { compileFilter } from '../../server/db/query/execute';

const scalar = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(0.5, -1.5),
  fc.constantFrom('a', 'b', 'open', ''),
  fc.boolean(),
  fc.constantFrom(new Date('2026-11-01T00:00:00Z'), new Date('2026-11-22T00:00:00Z')),
);
const value = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.array(scalar, { maxLength: 3 }) },
  { weight: 2, arbitrary: fc.array(fc.record({ id: scalar, n: scalar }, { requiredKeys: [], noNullPrototype: true }), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.record({ id: scalar, n: scalar }, { requiredKeys: [], noNullPrototype: true }) },
);
const doc = fc.record({ a: value, b: value, c: value }, { requiredKeys: [], noNullPrototype: true });
const path = fc.constantFrom('a', 'b', 'c', 'a.id', 'b.n', 'c.0', 'a.id.x');
const op = fc.oneof(
  scalar,
  fc.record({ $eq: scalar }, { noNullPrototype: true }),
  fc.record({ $ne: scalar }, { noNullPrototype: true }),
  fc.record({ $gt: scalar, $lte: scalar }, { requiredKeys: [], noNullPrototype: true }).filter((o) => Object.keys(o).length > 0),
  fc.record({ $gte: scalar, $lt: scalar }, { requiredKeys: [], noNullPrototype: true }).filter((o) => Object.keys(o).length > 0),
  fc.record({ $in: fc.array(scalar, { maxLength: 3 }) }, { noNullPrototype: true }),
  fc.record({ $nin: fc.array(scalar, { maxLength: 3 }) }, { noNullPrototype: true }),
);
const filter = fc.dictionary(path, op, { minKeys: 1, maxKeys: 3, noNullPrototype: true });

describe('the embedded database matching simple filters', () => {
  it('decides every document exactly as MongoDB semantics (mingo) do', () => {
    fc.assert(
      fc.property(filter, fc.array(doc, { minLength: 1, maxLength: 8 }), (f, docs) => {
        const ours = compileFilter(f);
        expect(ours).not.toBeInstanceOf(Query); // the fast path, not mingo again
        const theirs = new Query(f, MINGO_OPTIONS);
        for (const d of docs) expect([JSON.stringify(d), ours.test(d)]).toEqual([JSON.stringify(d), theirs.test(d)]);
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves everything else to mingo', () => {
    for (const f of [{ a: null }, { a: { $exists: true } }, { a: { $ne: null } }, { $or: [{ a: 1 }] }, { a: { $in: [1, null] } }, { a: [1, 2] }, { a: { $regex: 'x' } }]) {
      expect(compileFilter(f)).toBeInstanceOf(Query);
    }
  });
});
