// Indexes must never change answers: the same random documents and filters, with and without indexes.
import fc from 'fast-check';
import { FieldIndex } from '../../server/db/index/fieldIndex';
import { hashValue } from '../../server/db/index/values';
import { planCandidates } from '../../server/db/query/plan';
import { Collection } from '../../server/db/storage/collection';
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
  {
    a: value,
    b: fc.oneof(value, fc.array(value, { maxLength: 3 })),
    c: fc.record({ d: value }, { requiredKeys: [] }),
    // An array of sub-documents, as a user's memberships are: $elemMatch reads it.
    e: fc.array(fc.record({ x: fc.oneof(value, fc.array(value, { maxLength: 2 })), y: value }, { requiredKeys: [] }), { maxLength: 3 }),
  },
  { requiredKeys: [] },
);
// e.x and e.y name two paths into one array: a conjunction on them may be met by two elements.
const field = fc.constantFrom('a', 'b', 'c.d', '_id', 'e.x', 'e.y');
const cond = fc.oneof(
  value,
  value.map((v) => ({ $eq: v })),
  fc.array(value, { maxLength: 3 }).map((vs) => ({ $in: vs })),
  fc.tuple(fc.constantFrom('$gt', '$gte', '$lt', '$lte'), value).map(([op, v]) => ({ [op]: v })),
  fc.tuple(fc.integer({ min: -5, max: 0 }), fc.integer({ min: 0, max: 5 })).map(([lo, hi]) => ({ $gte: lo, $lt: hi })),
);
const clause = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(field, cond).map(([f, c]) => ({ [f]: c })) },
  { weight: 1, arbitrary: fc.record({ x: cond, y: cond }, { requiredKeys: [] }).map((m) => ({ e: { $elemMatch: m } })) },
);
const filter = fc.oneof(
  clause,
  fc.tuple(clause, clause).map(([x, y]) => ({ $and: [x, y] })),
  fc.tuple(clause, clause, clause).map(([x, y, z]) => ({ $and: [x, y, z] })),
  // A top-level $or, beside other conditions or alone: the planner unions its branches.
  fc.tuple(fc.array(clause, { minLength: 1, maxLength: 3 }), fc.option(clause, { nil: undefined })).map(([branches, rest]) => ({ ...rest, $or: branches })),
);

/** A path's value in a generated document, as a filter would name it (in `e`, the first element's). */
const at = (d: Record<string, any>, f: string) => (f === 'c.d' ? d.c?.d : f.startsWith('e.') ? d.e?.[0]?.[f.slice(2)] : d[f]);

/**
 * Documents, then filters: the random ones, and equality-then-range filters on the compound
 * indexes' fields whose values come from one of the documents, so keys sit exactly on the bounds.
 */
const withBoundaries = fc.array(doc, { minLength: 1, maxLength: 40 }).chain((docs) => {
  const onBound = fc
    .tuple(fc.nat(docs.length - 1), fc.nat(docs.length - 1), fc.constantFrom(['a', 'c.d'], ['c.d', 'b'], ['e.x', 'e.y']), fc.constantFrom('$gt', '$gte', '$lt', '$lte'))
    .map(([i, j, [f, g], op]) => ({ [f]: at(docs[i], f) ?? null, [g]: { [op]: at(docs[j], g) ?? 0 } }));
  // The same on {e.x, e.y} asked of one element, and of one element beside another condition on the array.
  const onElement = fc
    .tuple(fc.nat(docs.length - 1), fc.nat(docs.length - 1), fc.constantFrom('$gt', '$gte', '$lt', '$lte'), fc.boolean())
    .map(([i, j, op, beside]) => ({
      e: { $elemMatch: { x: at(docs[i], 'e.x') ?? 0, y: { [op]: at(docs[j], 'e.y') ?? 0 } } },
      ...(beside ? { 'e.y': { [op === '$gt' || op === '$gte' ? '$lt' : '$gt']: at(docs[i], 'e.y') ?? 0 } } : {}),
    }));
  return fc.tuple(fc.constant(docs), fc.array(fc.oneof(filter, onBound, onElement), { minLength: 1, maxLength: 8 }));
});

describe('index planner', () => {
  it('returns exactly what a collection scan returns', async () => {
    await fc.assert(
      fc.asyncProperty(withBoundaries, async ([docs, filters]) => {
        const scan = h.db.collection('scan');
        const indexed = h.db.collection('indexed');
        await scan.deleteMany({});
        await indexed.deleteMany({});
        await indexed.createIndex({ a: 1 });
        await indexed.createIndex({ b: -1, a: 1 });
        await indexed.createIndex({ 'c.d': 1 }, { sparse: true });
        await indexed.createIndex({ a: 1, 'c.d': 1 });
        await indexed.createIndex({ 'c.d': 1, b: 1 });
        await indexed.createIndex({ 'e.x': 1, 'e.y': 1 });
        await indexed.createIndex({ 'e.y': 1 });
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
      { numRuns: 150 },
    );
    // 150 runs of up to 8 filters, each asked three ways of two collections: minutes on a busy machine.
  }, 300_000);
});

describe('$elemMatch over an index on the array field', () => {
  it('finds an element without the field when asked for null, though its sibling has a value', async () => {
    const scan = h.db.collection('elem_scan');
    const indexed = h.db.collection('elem_indexed');
    await indexed.createIndex({ 'e.x': 1 });
    await indexed.createIndex({ 'e.roles': 1 });
    const docs = [
      { _id: 1, e: [{ x: 1 }, {}] },
      { _id: 2, e: [{ x: 1, roles: ['resident'] }] },
      { _id: 3, e: [{ y: 2, roles: ['resident', 'secretary'] }] },
      { _id: 4, e: [{ x: 2, roles: ['secretary'] }, { x: 1, roles: ['resident'] }] },
    ];
    await scan.insertMany(docs as any[]);
    await indexed.insertMany(docs as any[]);
    for (const f of [
      { e: { $elemMatch: { x: null } } },
      { e: { $elemMatch: { x: 1 } } },
      // One element must hold both: _id 4 has x 1 and the secretary role, but on different elements.
      { e: { $elemMatch: { x: 1, roles: 'secretary' } } },
      { e: { $elemMatch: { roles: 'secretary', x: { $gte: 2 } } } },
    ]) {
      const ids = async (c: typeof scan) => (await c.find(f).sort({ _id: 1 }).toArray()).map((d) => d._id);
      expect({ f, ids: await ids(indexed) }).toEqual({ f, ids: await ids(scan) });
    }
  });
});

describe('two equally good indexes', () => {
  it('answers the same as a scan whichever yields fewer, past the count that settles the tie', async () => {
    const scan = h.db.collection('tie_scan');
    const indexed = h.db.collection('tie_indexed');
    await indexed.createIndex({ tags: 1 });
    await indexed.createIndex({ group: 1 });
    // Several tags per document (a multikey index lists each), groups of very different sizes.
    const docs = Array.from({ length: 900 }, (_, i) => ({
      _id: i,
      tags: [['x', 'z'], ['z'], ['x'], ['w', 'x', 'z']][i % 4],
      group: i % 9 === 0 ? 'small' : i % 2 ? 'odd' : 'even',
    }));
    await scan.insertMany(docs as any[]);
    await indexed.insertMany(docs as any[]);
    for (const f of [
      { tags: { $in: ['x', 'z'] }, group: 'odd' },
      { tags: 'x', group: 'small' },
      { tags: { $in: ['w', 'z'] }, group: { $in: ['even', 'small'] } },
      { tags: 'w', group: 'even' },
    ]) {
      const ids = async (c: typeof scan) => (await c.find(f).sort({ _id: 1 }).toArray()).map((d) => d._id);
      expect({ f, ids: await ids(indexed) }).toEqual({ f, ids: await ids(scan) });
    }
  });
});

/** An in-process collection of these documents with the wishes' index on their steps: what the planner is asked directly. */
function eventsCollection(docs: object[]): Collection {
  const coll = new Collection('t.events');
  coll.addIndex({ v: 2, key: { communityId: 1, 'events.action': 1, 'events.at': 1 }, name: 'c_a_t' });
  for (const d of docs) coll.insert(d);
  return coll;
}

describe('$elemMatch with a range, over a compound index into an array of sub-documents (a wish\'s events)', () => {
  const day = (d: number) => new Date(Date.UTC(2026, 0, d));
  const wish = (id: number, events: { action: string; at: Date | Date[] }[]) => ({ _id: id, communityId: 'c1', events });
  const docs = [
    wish(1, [{ action: 'create', at: day(1) }, { action: 'claim', at: day(20) }]),
    wish(2, [{ action: 'create', at: day(10) }]),
    // Counted and inside the window, but on different events: one element must hold both.
    wish(3, [{ action: 'create', at: day(1) }, { action: 'note', at: day(10) }]),
    wish(4, [{ action: 'claim', at: day(11) }, { action: 'create', at: day(30) }]),
  ];
  const within = { events: { $elemMatch: { action: { $in: ['create', 'claim'] }, at: { $gte: day(5), $lt: day(15) } } }, communityId: 'c1' };
  const ids = async (c: ReturnType<typeof h.db.collection>, f: object) => (await c.find(f).sort({ _id: 1 }).toArray()).map((d) => d._id);

  it('answers as a scan does, bounding the time from both ends of one element', async () => {
    const indexed = h.db.collection('events_indexed');
    await indexed.createIndex({ communityId: 1, 'events.action': 1, 'events.at': 1 });
    await indexed.insertMany(docs as any[]);
    expect(await ids(indexed, within)).toEqual([2, 4]);

    // The planner's own candidates: both bounds used, so wish 1, whose steps all fall outside the window, is
    // never read (with only the lower bound its claim on day 20 made it a candidate). The index's keys pair each
    // step's action with that step's time, so wish 3 (a counted step outside, another step inside) is not read either.
    const coll = eventsCollection(docs);
    const candidates = new Set(planCandidates(coll, within));
    expect([1, 2, 3, 4].map((id) => candidates.has(hashValue(id)))).toEqual([false, true, false, true]);
  });

  it('keeps one bound once an element holds an array of times, whose values may meet the two bounds apart', async () => {
    const scan = h.db.collection('events_nested_scan');
    const indexed = h.db.collection('events_nested_indexed');
    await indexed.createIndex({ communityId: 1, 'events.action': 1, 'events.at': 1 });
    const nested = [...docs, wish(5, [{ action: 'create', at: [day(1), day(20)] }])];
    await scan.insertMany(nested as any[]);
    await indexed.insertMany(nested as any[]);
    // MongoDB matches 5: within the element, day 1 is before day 15 and day 20 after day 5.
    expect(await ids(indexed, within)).toEqual(await ids(scan, within));
    expect(await ids(scan, within)).toContain(5);
  });
});

describe('two paths into one array: one step asked by $elemMatch, or each path on its own', () => {
  const day = (d: number) => new Date(Date.UTC(2026, 0, d));
  const docs = [
    // A claim on day 10: one step both a claim and inside the window.
    { _id: 1, communityId: 'c1', events: [{ action: 'create', at: day(1) }, { action: 'claim', at: day(10) }] },
    // A claim on day 1 and another step on day 10: a claim, and a step in the window, but never the same step.
    { _id: 2, communityId: 'c1', events: [{ action: 'claim', at: day(1) }, { action: 'note', at: day(10) }] },
    { _id: 3, communityId: 'c1', events: [{ action: 'claim', at: day(20) }] },
  ];
  const window = { $gte: day(5), $lt: day(15) };
  const oneStep = { communityId: 'c1', events: { $elemMatch: { action: 'claim', at: window } } };
  const eachPath = { communityId: 'c1', 'events.action': 'claim', 'events.at': window };

  it('$elemMatch finds the wish whose one step is both, a plain conjunction also the wish whose two steps are one each', async () => {
    const scan = h.db.collection('steps_scan');
    const indexed = h.db.collection('steps_indexed');
    await indexed.createIndex({ communityId: 1, 'events.action': 1, 'events.at': 1 });
    await scan.insertMany(docs as any[]);
    await indexed.insertMany(docs as any[]);
    const ids = async (c: typeof scan, f: object) => (await c.find(f).sort({ _id: 1 }).toArray()).map((d) => d._id);
    for (const c of [scan, indexed]) {
      expect(await ids(c, oneStep)).toEqual([1]);
      expect(await ids(c, eachPath)).toEqual([1, 2]);
      expect(await ids(c, { $and: [{ communityId: 'c1' }, { events: { $elemMatch: { action: 'claim' } } }, { events: { $elemMatch: { at: window } } }] })).toEqual([1, 2]);
    }
  });

  it("the index pairs each step's action with that step's time, and the planner compounds the two bounds only for one $elemMatch", () => {
    const coll = eventsCollection(docs);
    const ix = coll.indexes.find((i) => i.name === 'c_a_t')!;
    expect(ix.keysFor(docs[1])).toEqual([['c1', 'claim', day(1)], ['c1', 'note', day(10)]]);
    const candidates = (f: object) => (planCandidates(coll, f) ?? []).map((id) => [1, 2, 3].find((n) => hashValue(n) === id)).sort();
    expect(candidates(oneStep)).toEqual([1]);
    // Each path on its own: the claim and the time may be two steps, so only the action bounds the scan.
    expect(candidates(eachPath)).toEqual([1, 2, 3]);
    // Two $elemMatch on the array: two steps again.
    expect(candidates({ communityId: 'c1', $and: [{ events: { $elemMatch: { action: 'claim' } } }, { events: { $elemMatch: { at: window } } }] })).toEqual([1, 2, 3]);
  });
});

describe('index keys, as MongoDB makes them', () => {
  const keys = (key: Record<string, 1>, doc: object, opts: { sparse?: boolean } = {}) => new FieldIndex({ v: 2, key, name: 'k', ...opts }, 't.k').keysFor(doc);

  it('paths through one array take their values from one element at a time, null where an element has none', () => {
    expect(keys({ 'a.b': 1, 'a.c': 1 }, { a: [{ b: 1 }, { c: 2 }] })).toEqual([[1, null], [null, 2]]);
    expect(keys({ 'a.b.c': 1, 'a.b.d': 1 }, { a: [1, 2, { b: { c: [3, 4], d: 5 } }] })).toEqual([[null, null], [3, 5], [4, 5]]);
    expect(keys({ a: 1, 'a.b': 1 }, { a: [{ b: 1 }, { b: 2 }] })).toEqual([[{ b: 1 }, 1], [{ b: 2 }, 2]]);
    expect(keys({ 'a.b': 1 }, { a: [{ foo: 41 }, { b: 1 }] })).toEqual([[null], [1]]);
    expect(keys({ 'a.b': 1, 'a.c': 1 }, { a: [] })).toEqual([[null, null]]);
  });

  it('a field outside the array pairs with every element; paths through two arrays pair every value with every value', () => {
    expect(keys({ x: 1, 'a.b': 1 }, { x: 7, a: [{ b: 1 }, { b: 2 }] })).toEqual([[7, 1], [7, 2]]);
    // MongoDB refuses this document ("cannot index parallel arrays"); here every pair is a key, so answers stay right.
    expect(keys({ a: 1, b: 1 }, { a: [1, 2], b: [3, 4] })).toEqual([[1, 3], [1, 4], [2, 3], [2, 4]]);
  });

  it('a sparse index leaves out the keys with none of their fields', () => {
    expect(keys({ 'a.b': 1 }, { a: [{ c: 1 }, { b: 1 }] }, { sparse: true })).toEqual([[1]]);
    expect(keys({ 'a.b': 1 }, { a: [{ c: 1 }] }, { sparse: true })).toEqual([]);
    expect(keys({ 'a.b': 1, t: 1 }, { t: 3 }, { sparse: true })).toEqual([[null, 3]]);
  });
});
