// Indexes must never change answers: the same random documents and filters, with and without indexes.
import fc from 'fast-check';
import { useMongo } from './harness';

const h = useMongo('planner');

const value = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.constantFrom('a', 'b', 'c', ''),
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom(new Date(0), new Date(1000)),
);
const doc = fc.record(
  { a: value, b: fc.oneof(value, fc.array(value, { maxLength: 3 })), c: fc.record({ d: value }, { requiredKeys: [] }) },
  { requiredKeys: [] },
);
const field = fc.constantFrom('a', 'b', 'c.d', '_id');
const cond = fc.oneof(
  value,
  value.map((v) => ({ $eq: v })),
  fc.array(value, { maxLength: 3 }).map((vs) => ({ $in: vs })),
  fc.tuple(fc.constantFrom('$gt', '$gte', '$lt', '$lte'), value).map(([op, v]) => ({ [op]: v })),
  fc.tuple(fc.integer({ min: -5, max: 0 }), fc.integer({ min: 0, max: 5 })).map(([lo, hi]) => ({ $gte: lo, $lt: hi })),
);
const filter = fc.oneof(
  fc.tuple(field, cond).map(([f, c]) => ({ [f]: c })),
  fc.tuple(field, cond, field, cond).map(([f, c, g, d]) => ({ $and: [{ [f]: c }, { [g]: d }] })),
);

describe('index planner', () => {
  it('returns exactly what a collection scan returns', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(doc, { minLength: 1, maxLength: 40 }), fc.array(filter, { minLength: 1, maxLength: 8 }), async (docs, filters) => {
        const scan = h.db.collection('scan');
        const indexed = h.db.collection('indexed');
        await scan.deleteMany({});
        await indexed.deleteMany({});
        await indexed.createIndex({ a: 1 });
        await indexed.createIndex({ b: -1, a: 1 });
        await indexed.createIndex({ 'c.d': 1 }, { sparse: true });
        const withIds = docs.map((d, i) => ({ _id: i % 7 === 3 ? `s${i}` : i, ...d }));
        await scan.insertMany(withIds as any[]);
        await indexed.insertMany(withIds as any[]);
        for (const f of filters) {
          const x = (await scan.find(f).sort({ _id: 1 }).toArray()).map((d) => String(d._id));
          const y = (await indexed.find(f).sort({ _id: 1 }).toArray()).map((d) => String(d._id));
          expect({ f, ids: y }).toEqual({ f, ids: x });
          // Sorted reads may walk the {a: 1} index instead of sorting: the order of sort keys must agree.
          for (const dir of [1, -1] as const) {
            const key = (d: any) => JSON.stringify(d.a === undefined ? null : d.a);
            const xs = (await scan.find(f).sort({ a: dir }).limit(5).toArray()).map(key);
            const ys = (await indexed.find(f).sort({ a: dir }).limit(5).toArray()).map(key);
            expect({ f, dir, keys: ys }).toEqual({ f, dir, keys: xs });
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
