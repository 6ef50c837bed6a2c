import { useMongo } from './harness';

const h = useMongo('indexes');

describe('indexes', () => {
  it('creates, lists and drops indexes', async () => {
    const c = h.db.collection('ix');
    expect(await c.createIndex({ a: 1 })).toBe('a_1');
    expect(await c.createIndex({ b: -1, c: 1 }, { name: 'bc' })).toBe('bc');
    expect(await c.createIndex({ a: 1 })).toBe('a_1'); // idempotent
    const names = (await c.listIndexes().toArray()).map((i) => i.name);
    expect(names).toEqual(['_id_', 'a_1', 'bc']);
    await c.dropIndex('bc');
    expect((await c.indexes()).map((i) => i.name)).toEqual(['_id_', 'a_1']);
    await expect(c.dropIndex('nope')).rejects.toMatchObject({ code: 27 });
    await c.dropIndexes();
    expect((await c.indexes()).map((i) => i.name)).toEqual(['_id_']);
  });

  it('enforces unique indexes with MongoDB error details', async () => {
    const c = h.db.collection('uniq');
    await c.createIndex({ email: 1 }, { unique: true });
    await c.insertOne({ email: 'a@x' });
    const err = await c.insertOne({ email: 'a@x' }).catch((e) => e);
    expect(err.code).toBe(11000);
    expect(err.keyPattern).toEqual({ email: 1 });
    expect(err.keyValue).toEqual({ email: 'a@x' });
    expect(err.message).toMatch(/E11000 duplicate key error collection: .*\.uniq index: email_1 dup key: \{ email: "a@x" \}/);
    await c.insertOne({ email: 'b@x' });
    await expect(c.updateOne({ email: 'b@x' }, { $set: { email: 'a@x' } })).rejects.toMatchObject({ code: 11000 });
    await expect(c.updateOne({ email: 'b@x' }, { $set: { email: 'c@x' } })).resolves.toMatchObject({ modifiedCount: 1 });
  });

  it('enforces compound unique keys and refuses to build over duplicates', async () => {
    const c = h.db.collection('cuniq');
    await c.createIndex({ wish: 1, user: 1 }, { unique: true });
    await c.insertOne({ wish: 1, user: 1 });
    await c.insertOne({ wish: 1, user: 2 });
    await expect(c.insertOne({ wish: 1, user: 1 })).rejects.toMatchObject({ code: 11000, keyValue: { wish: 1, user: 1 } });
    const d = h.db.collection('dupsfirst');
    await d.insertMany([{ k: 1 }, { k: 1 }]);
    await expect(d.createIndex({ k: 1 }, { unique: true })).rejects.toMatchObject({ code: 11000 });
    expect((await d.indexes()).map((i) => i.name)).toEqual(['_id_']);
  });

  it('sparse unique indexes ignore documents without the field', async () => {
    const c = h.db.collection('sparse');
    await c.createIndex({ phone: 1 }, { unique: true, sparse: true });
    await c.insertMany([{ a: 1 }, { a: 2 }, { phone: '1' }]);
    await expect(c.insertOne({ phone: '1' })).rejects.toMatchObject({ code: 11000 });
    expect(await c.countDocuments({ phone: null })).toBe(2);
  });

  it('partial unique indexes only constrain matching documents', async () => {
    const c = h.db.collection('partial');
    await c.createIndex({ wish: 1 }, { unique: true, partialFilterExpression: { active: true } });
    await c.insertMany([{ wish: 1, active: false }, { wish: 1, active: false }, { wish: 1, active: true }]);
    await expect(c.insertOne({ wish: 1, active: true })).rejects.toMatchObject({ code: 11000 });
    const spec = (await c.indexes()).find((i) => i.name === 'wish_1');
    expect(spec).toMatchObject({ unique: true, partialFilterExpression: { active: true } });
  });

  it('answers range and equality queries through indexes the same as a scan', async () => {
    const c = h.db.collection('ranges');
    await c.createIndex({ n: 1 });
    await c.createIndex({ tags: 1 });
    const docs = Array.from({ length: 200 }, (_, i) => ({ n: i % 2 ? i : String(i), tags: [i % 5, i % 7] }));
    await c.insertMany(docs);
    expect(await c.countDocuments({ n: { $gt: 100, $lte: 150 } })).toBe(25);
    expect(await c.countDocuments({ n: { $lt: 10 } })).toBe(5);
    expect(await c.countDocuments({ n: '10' })).toBe(1);
    expect(await c.countDocuments({ n: { $in: [1, 3, '4', 'x'] } })).toBe(3);
    expect(await c.countDocuments({ tags: 3 })).toBe(await c.countDocuments({ $expr: { $in: [3, '$tags'] } }));
    expect(await c.countDocuments({ tags: { $gt: 4, $lt: 6 } })).toBe(await c.countDocuments({ $expr: { $or: [{ $in: [5, '$tags'] }, { $and: [{ $gt: [{ $max: '$tags' }, 4] }, { $lt: [{ $min: '$tags' }, 6] }] }] } }));
  });

  it('expires documents from TTL indexes', async () => {
    const c = h.db.collection('ttl');
    await c.createIndex({ at: 1 }, { expireAfterSeconds: 0 });
    await c.insertMany([{ at: new Date(Date.now() - 60_000) }, { at: new Date(Date.now() + 3_600_000) }, { at: 'not a date' }]);
    const spec = (await c.indexes()).find((i) => i.name === 'at_1');
    expect(spec!.expireAfterSeconds).toBe(0);
    // MongoDB's TTL monitor runs every 60 s; the embedded one every second.
    const deadline = Date.now() + (h.embedded ? 10_000 : 70_000);
    while ((await c.countDocuments()) > 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await c.countDocuments()).toBe(2);
  }, 90_000);
});

describe('sorted reads over indexes', () => {
  it('returns the same order with and without an index that serves the sort', async () => {
    const plain = h.db.collection('sortplain');
    const indexed = h.db.collection('sortindexed');
    await indexed.createIndex({ status: 1, createdAt: -1 });
    await indexed.createIndex({ score: 1 });
    const docs = Array.from({ length: 1500 }, (_, i) => ({
      _id: i,
      status: ['open', 'done', 'held'][i % 3],
      createdAt: new Date(1_700_000_000_000 + ((i * 7919) % 1500) * 1000),
      ...(i % 10 ? { score: (i * 31) % 97 } : {}),
    }));
    await plain.insertMany(docs as any[]);
    await indexed.insertMany(docs as any[]);
    const queries: [object, Record<string, 1 | -1>, number, number][] = [
      [{ status: 'open' }, { createdAt: -1 }, 0, 20],
      [{ status: 'open' }, { createdAt: 1 }, 5, 20],
      [{}, { score: 1, _id: 1 }, 0, 50],
      [{}, { score: -1 }, 10, 30],
      [{ score: { $gte: 50 } }, { score: 1 }, 0, 0],
    ];
    for (const [filter, sort, skip, limit] of queries) {
      const a = await plain.find(filter).sort(sort).skip(skip).limit(limit).toArray();
      const b = await indexed.find(filter).sort(sort).skip(skip).limit(limit).toArray();
      const key = (d: any) => Object.keys(sort).map((k) => (d[k] instanceof Date ? d[k].getTime() : (d[k] ?? null))).join('|');
      expect(b.map(key)).toEqual(a.map(key));
      expect(b.length).toBe(a.length);
    }
  });
});

/**
 * Hidden indexes (MongoDB 4.4+, `hidden: true` or collMod's `index.hidden`): the planner does not use one, but it is
 * kept up to date while hidden (unhiding needs no rebuild) and a unique one still refuses duplicates.
 */
describe('hidden indexes', () => {
  const near = (c: ReturnType<typeof h.db.collection>) =>
    c.find({ loc: { $near: { $geometry: { type: 'Point', coordinates: [114, 31] } } } }).limit(2).toArray();

  it('a hidden 2dsphere index is not used ($near finds no index, as in MongoDB), yet is kept up to date and serves again once unhidden', async () => {
    const c = h.db.collection('hidden_geo');
    await c.insertOne({ _id: 'far', loc: { type: 'Point', coordinates: [116, 39] } } as any);
    await c.createIndex({ loc: '2dsphere' }, { name: 'loc', hidden: true });
    expect((await c.indexes()).find((i) => i.name === 'loc')).toMatchObject({ hidden: true });
    await expect(near(c)).rejects.toMatchObject({ code: 291 });
    await expect(c.aggregate([{ $geoNear: { near: { type: 'Point', coordinates: [114, 31] }, distanceField: 'd' } }]).toArray()).rejects.toMatchObject({ code: 291 });
    // Written while hidden: found through the index once it is visible.
    await c.insertOne({ _id: 'near', loc: { type: 'Point', coordinates: [114.01, 31.01] } } as any);
    const shown = await h.db.command({ collMod: 'hidden_geo', index: { name: 'loc', hidden: false } });
    expect(shown).toMatchObject({ hidden_old: true, hidden_new: false, ok: 1 });
    expect((await c.indexes()).find((i) => i.name === 'loc')!.hidden).toBeUndefined();
    expect((await near(c)).map((d) => d._id)).toEqual(['near', 'far']);
  });

  it('hiding a field index by collMod leaves answers and unique keys as they were; the _id index cannot be hidden', async () => {
    const c = h.db.collection('hidden_field');
    await c.createIndex({ email: 1 }, { unique: true });
    await c.insertMany([{ email: 'a@x', n: 1 }, { email: 'b@x', n: 2 }]);
    const hidden = await h.db.command({ collMod: 'hidden_field', index: { keyPattern: { email: 1 }, hidden: true } });
    expect(hidden).toMatchObject({ hidden_old: false, hidden_new: true, ok: 1 });
    expect((await c.indexes()).find((i) => i.name === 'email_1')).toMatchObject({ hidden: true, unique: true });
    await expect(c.insertOne({ email: 'a@x' })).rejects.toMatchObject({ code: 11000 });
    await c.insertOne({ email: 'c@x', n: 3 });
    expect((await c.find({ email: { $in: ['a@x', 'c@x'] } }).sort({ n: 1 }).toArray()).map((d) => d.n)).toEqual([1, 3]);
    await h.db.command({ collMod: 'hidden_field', index: { name: 'email_1', hidden: false } });
    expect((await c.find({ email: 'c@x' }).toArray()).map((d) => d.n)).toEqual([3]);
    await expect(h.db.command({ collMod: 'hidden_field', index: { name: '_id_', hidden: true } })).rejects.toMatchObject({ code: 2 });
    await expect(c.createIndex({ _id: 1 }, { hidden: true })).rejects.toMatchObject({ code: 2 });
  });
});
