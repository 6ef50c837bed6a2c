import { useMongo } from './harness';

const h = useMongo('updedges');

describe('upserts and positional updates as MongoDB does them', () => {
  it('sets _id through $setOnInsert when an upsert inserts with a filter not on _id', async () => {
    const c = h.db.collection<any>('setoninsert_id');
    await c.createIndex({ key: 1 }, { unique: true });
    const res = await c.updateOne({ key: 'k1' }, { $setOnInsert: { _id: 'chosen', at: 1 }, $set: { n: 1 } }, { upsert: true });
    expect(res.upsertedId).toBe('chosen');
    expect(await c.findOne({ key: 'k1' })).toEqual({ _id: 'chosen', key: 'k1', at: 1, n: 1 });
    // Matching the existing document now: $setOnInsert is ignored, the _id stays.
    await c.updateOne({ key: 'k1' }, { $setOnInsert: { _id: 'other' }, $set: { n: 2 } }, { upsert: true });
    expect(await c.findOne({ key: 'k1' })).toEqual({ _id: 'chosen', key: 'k1', at: 1, n: 2 });
    const fam = await c.findOneAndUpdate({ key: 'k2' }, { $setOnInsert: { _id: 'viaFam' } }, { upsert: true, returnDocument: 'after' });
    expect(fam).toEqual({ _id: 'viaFam', key: 'k2' });
  });

  it('accepts sibling paths under the same positional element in one update', async () => {
    const c = h.db.collection<any>('positional_siblings');
    const { insertedId } = await c.insertOne({ claims: [{ by: 'u1', a: 0, b: 0 }, { by: 'u2', a: 0, b: 5 }] });
    const res = await c.updateOne({ _id: insertedId, 'claims.by': 'u2' }, { $set: { 'claims.$.a': 1 }, $inc: { 'claims.$.b': 1 } });
    expect(res.modifiedCount).toBe(1);
    expect((await c.findOne({ _id: insertedId }))!.claims).toEqual([{ by: 'u1', a: 0, b: 0 }, { by: 'u2', a: 1, b: 6 }]);
    const after = await c.findOneAndUpdate(
      { _id: insertedId, claims: { $elemMatch: { by: 'u1' } } },
      { $set: { 'claims.$.a': 7, 'claims.$.note': 'x' }, $inc: { 'claims.$.b': 2 } },
      { returnDocument: 'after' },
    );
    expect(after!.claims[0]).toEqual({ by: 'u1', a: 7, b: 2, note: 'x' });
    // A real conflict is still refused.
    await expect(c.updateOne({ _id: insertedId, 'claims.by': 'u1' }, { $set: { 'claims.$.a': 1 }, $inc: { 'claims.$.a': 1 } })).rejects.toMatchObject({ code: 40 });
  });

  it('answers $geoWithin $centerSphere from the 2dsphere index alongside other indexed conditions', async () => {
    const c = h.db.collection<any>('within_index');
    await c.createIndex({ loc: '2dsphere' });
    await c.createIndex({ status: 1 });
    const docs = [];
    for (let i = 0; i < 2000; i++) {
      const lng = 113.9 + (i % 50) * 0.002;
      const lat = 22.5 + Math.floor(i / 50) * 0.002;
      docs.push({ i, status: i % 3 === 0 ? 'done' : 'open', loc: { type: 'Point', coordinates: [lng, lat] } });
    }
    await c.insertMany(docs);
    const center = [113.95, 22.54];
    const r = 500 / 6378100;
    const got = await c.find({ status: 'open', loc: { $geoWithin: { $centerSphere: [center, r] } } }).toArray();
    const rad = (d: number) => (d * Math.PI) / 180;
    const dist = ([lng, lat]: number[]) => {
      const dLat = rad(lat - center[1]);
      const dLng = rad(lng - center[0]);
      const a = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat)) * Math.cos(rad(center[1])) * Math.sin(dLng / 2) ** 2;
      return 2 * Math.asin(Math.sqrt(a));
    };
    const expected = docs.filter((d) => d.status === 'open' && dist(d.loc.coordinates) <= r).map((d) => d.i).sort((a, b) => a - b);
    expect(expected.length).toBeGreaterThan(10);
    expect(got.map((d) => d.i).sort((a, b) => a - b)).toEqual(expected);
    expect(await c.countDocuments({ loc: { $geoWithin: { $centerSphere: [center, r] } } })).toBe(docs.filter((d) => dist(d.loc.coordinates) <= r).length);
    const plan = await c.find({ status: 'open', loc: { $geoWithin: { $centerSphere: [center, r] } } }).explain().catch(() => null);
    if (plan && !h.embedded) expect(JSON.stringify(plan)).toContain('loc');
  });

  it('applies the common operators on nested paths and reports no-ops as unmodified', async () => {
    const c = h.db.collection<any>('common_ops');
    const { insertedId } = await c.insertOne({ a: { b: 1, keep: 'k' }, list: [1], n: 5 });
    const r1 = await c.updateOne({ _id: insertedId }, { $set: { 'a.b': 2, 'x.y.z': 'new' }, $inc: { n: 1, 'a.c': 3 }, $push: { list: { $each: [2, 3] }, fresh: 'f' } as any, $unset: { missing: '', 'a.keep': '' } });
    expect(r1.modifiedCount).toBe(1);
    expect(await c.findOne({ _id: insertedId }, { projection: { _id: 0 } })).toEqual({ a: { b: 2, c: 3 }, list: [1, 2, 3], n: 6, x: { y: { z: 'new' } }, fresh: ['f'] });
    const r2 = await c.updateOne({ _id: insertedId }, { $set: { 'a.b': 2, n: 6 }, $unset: { nothing: '' }, $inc: { 'a.c': 0 } });
    expect(r2).toMatchObject({ matchedCount: 1, modifiedCount: 0 });
    // Paths through a scalar or overlapping paths are refused as MongoDB refuses them, and change nothing.
    await expect(c.updateOne({ _id: insertedId }, { $set: { 'n.deeper': 1 } })).rejects.toMatchObject({ code: 28 });
    await expect(c.updateOne({ _id: insertedId }, { $set: { a: {} }, $inc: { 'a.b': 1 } })).rejects.toMatchObject({ code: 40 });
    await expect(c.updateOne({ _id: insertedId }, { $push: { n: 1 } as any })).rejects.toMatchObject({ code: 2 });
    expect((await c.findOne({ _id: insertedId }))!.a).toEqual({ b: 2, c: 3 });
  });

  it('keeps a transaction snapshot of nested values while an outside update changes them', async () => {
    const c = h.db.collection<any>('cow_snapshot');
    const { insertedId } = await c.insertOne({ events: [{ n: 1 }], meta: { v: 1 } });
    const session = h.client.startSession();
    try {
      session.startTransaction();
      expect(await c.findOne({ _id: insertedId }, { session })).toMatchObject({ events: [{ n: 1 }], meta: { v: 1 } });
      await c.updateOne({ _id: insertedId }, { $push: { events: { n: 2 } } as any, $set: { 'meta.v': 2 } });
      expect(await c.findOne({ _id: insertedId }, { session })).toMatchObject({ events: [{ n: 1 }], meta: { v: 1 } });
      await session.abortTransaction();
    } finally {
      await session.endSession();
    }
    expect(await c.findOne({ _id: insertedId })).toMatchObject({ events: [{ n: 1 }, { n: 2 }], meta: { v: 2 } });
  });
});
