import { ObjectId } from 'mongodb';
import { useMongo } from './harness';

const h = useMongo('crud');

describe('insert and find', () => {
  it('inserts with generated ids and finds with filter, projection, sort, skip, limit', async () => {
    const c = h.db.collection('people');
    const res = await c.insertMany([
      { name: 'an', age: 30, city: 'sz', tags: ['a', 'b'] },
      { name: 'bo', age: 25, city: 'gz', tags: ['b'] },
      { name: 'cy', age: 35, city: 'sz', tags: [] },
      { name: 'di', age: 28, city: 'bj' },
    ]);
    expect(res.insertedCount).toBe(4);
    expect(Object.values(res.insertedIds)[0]).toBeInstanceOf(ObjectId);

    const sz = await c.find({ city: 'sz' }, { projection: { _id: 0, name: 1 } }).sort({ age: -1 }).toArray();
    expect(sz).toEqual([{ name: 'cy' }, { name: 'an' }]);
    const paged = await c.find({ age: { $gte: 25 } }).sort({ age: 1 }).skip(1).limit(2).toArray();
    expect(paged.map((p) => p.name)).toEqual(['di', 'an']);
    expect(await c.findOne({ tags: 'b', age: { $lt: 30 } })).toMatchObject({ name: 'bo' });
    expect(await c.countDocuments({ tags: { $size: 0 } })).toBe(1);
    expect(await c.find({ $or: [{ name: 'an' }, { city: 'bj' }] }).toArray()).toHaveLength(2);
    expect(await c.find({ name: /^[ab]/ }).toArray()).toHaveLength(2);
    const excl = await c.findOne({ name: 'an' }, { projection: { tags: 0, _id: 0 } });
    expect(excl).toEqual({ name: 'an', age: 30, city: 'sz' });
  });

  it('rejects a duplicate _id with E11000', async () => {
    const c = h.db.collection('dupid');
    await c.insertOne({ _id: 'x' as any });
    await expect(c.insertOne({ _id: 'x' as any })).rejects.toMatchObject({ code: 11000, keyPattern: { _id: 1 }, keyValue: { _id: 'x' } });
  });

  it('continues unordered inserts past errors and stops ordered ones', async () => {
    const c = h.db.collection('bulkins');
    const unordered = await c.insertMany([{ _id: 1 }, { _id: 1 }, { _id: 2 }] as any[], { ordered: false }).catch((e) => e);
    expect(unordered.code).toBe(11000);
    expect(await c.countDocuments()).toBe(2);
    await c.insertMany([{ _id: 3 }, { _id: 3 }, { _id: 4 }] as any[]).catch(() => undefined);
    expect(await c.countDocuments({ _id: 4 } as any)).toBe(0);
  });

  it('iterates cursors across getMore batches and kills them', async () => {
    const c = h.db.collection('many');
    await c.insertMany(Array.from({ length: 503 }, (_, i) => ({ i })));
    const seen: number[] = [];
    for await (const d of c.find({}).sort({ i: 1 }).batchSize(50)) seen.push(d.i);
    expect(seen).toEqual(Array.from({ length: 503 }, (_, i) => i));
    const cursor = c.find({}).batchSize(10);
    await cursor.next();
    await cursor.close();
    expect(await c.find({ i: { $gte: 500 } }).toArray()).toHaveLength(3);
  });
});

describe('update', () => {
  it('applies update operators', async () => {
    const c = h.db.collection<any>('upd');
    const { insertedId } = await c.insertOne({ n: 1, list: [1, 2, 3], set: ['a'], nested: { x: 1 }, gone: true });
    await c.updateOne(
      { _id: insertedId },
      { $inc: { n: 2 }, $push: { list: 4 }, $addToSet: { set: { $each: ['a', 'b'] } }, $set: { 'nested.y': 2 }, $unset: { gone: '' } } as any,
    );
    const d = await c.findOne({ _id: insertedId });
    expect(d).toMatchObject({ n: 3, list: [1, 2, 3, 4], set: ['a', 'b'], nested: { x: 1, y: 2 } });
    expect(d).not.toHaveProperty('gone');
    await expect(c.updateOne({ _id: insertedId }, { $push: { list: 5 }, $pull: { list: 1 } } as any)).rejects.toMatchObject({ code: 40 });
    await c.updateOne({ _id: insertedId }, { $pull: { list: { $lt: 3 } } } as any);
    expect((await c.findOne({ _id: insertedId }))!.list).toEqual([3, 4]);
    await c.updateOne({ _id: insertedId }, { $min: { n: 0 }, $max: { hi: 5 }, $mul: { 'nested.x': 10 }, $rename: { set: 'letters' } });
    expect(await c.findOne({ _id: insertedId }, { projection: { _id: 0, n: 1, hi: 1, nested: 1, letters: 1 } })).toEqual({
      n: 0,
      hi: 5,
      nested: { x: 10, y: 2 },
      letters: ['a', 'b'],
    });
  });

  it('updates many, reports matched and modified counts', async () => {
    const c = h.db.collection('updmany');
    await c.insertMany([{ k: 1, v: 0 }, { k: 1, v: 0 }, { k: 2, v: 0 }]);
    const r = await c.updateMany({ k: 1 }, { $set: { v: 1 } });
    expect(r).toMatchObject({ matchedCount: 2, modifiedCount: 2 });
    const again = await c.updateMany({ k: 1 }, { $set: { v: 1 } });
    expect(again).toMatchObject({ matchedCount: 2, modifiedCount: 0 });
  });

  it('upserts with $setOnInsert and the query equality fields', async () => {
    const c = h.db.collection('ups');
    const r = await c.updateOne({ code: 'A', n: { $gt: 0 } }, { $set: { seen: 1 }, $setOnInsert: { created: true } }, { upsert: true });
    expect(r.upsertedCount).toBe(1);
    const doc = await c.findOne({ _id: r.upsertedId! });
    expect(doc).toMatchObject({ code: 'A', seen: 1, created: true });
    expect(doc).not.toHaveProperty('n');
    await c.updateOne({ code: 'A' }, { $set: { seen: 2 }, $setOnInsert: { created: false } }, { upsert: true });
    expect(await c.findOne({ code: 'A' })).toMatchObject({ seen: 2, created: true });
  });

  it('supports arrayFilters and the positional operator', async () => {
    const c = h.db.collection('arrf');
    const { insertedId } = await c.insertOne({ slots: [{ k: 1, taken: false }, { k: 2, taken: false }, { k: 3, taken: false }] });
    await c.updateOne({ _id: insertedId }, { $set: { 'slots.$[s].taken': true } }, { arrayFilters: [{ 's.k': { $gte: 2 } }] });
    await c.updateOne({ _id: insertedId, 'slots.k': 1 }, { $set: { 'slots.$.note': 'first' } });
    const d = await c.findOne({ _id: insertedId });
    expect(d!.slots).toEqual([{ k: 1, taken: false, note: 'first' }, { k: 2, taken: true }, { k: 3, taken: true }]);
  });

  it('replaces documents and refuses to change _id', async () => {
    const c = h.db.collection('repl');
    const { insertedId } = await c.insertOne({ a: 1, b: 2 });
    await c.replaceOne({ _id: insertedId }, { c: 3 });
    expect(await c.findOne({ _id: insertedId })).toEqual({ _id: insertedId, c: 3 });
    await expect(c.updateOne({ _id: insertedId }, { $set: { _id: new ObjectId() } })).rejects.toMatchObject({ code: 66 });
  });

  it('runs pipeline-style updates', async () => {
    const c = h.db.collection('pipe');
    const { insertedId } = await c.insertOne({ a: 2, b: 3 });
    await c.updateOne({ _id: insertedId }, [{ $set: { sum: { $add: ['$a', '$b'] } } }, { $unset: 'b' }]);
    expect(await c.findOne({ _id: insertedId })).toEqual({ _id: insertedId, a: 2, sum: 5 });
  });

  it('rejects unknown update operators', async () => {
    const c = h.db.collection('badop');
    await c.insertOne({ a: 1 });
    await expect(c.updateOne({ a: 1 }, { $frobnicate: { a: 2 } } as any)).rejects.toMatchObject({ code: 9 });
  });
});

describe('delete, findAndModify, count, distinct', () => {
  it('deletes one and many', async () => {
    const c = h.db.collection('del');
    await c.insertMany([{ k: 1 }, { k: 1 }, { k: 1 }, { k: 2 }]);
    expect((await c.deleteOne({ k: 1 })).deletedCount).toBe(1);
    expect((await c.deleteMany({ k: 1 })).deletedCount).toBe(2);
    expect(await c.countDocuments()).toBe(1);
  });

  it('findOneAndUpdate / Replace / Delete with sort, projection, upsert and returnDocument', async () => {
    const c = h.db.collection('fam');
    await c.insertMany([{ q: 1, p: 3 }, { q: 1, p: 1 }, { q: 1, p: 2 }]);
    const before = await c.findOneAndUpdate({ q: 1 }, { $set: { hit: true } }, { sort: { p: 1 }, projection: { _id: 0, p: 1, hit: 1 } });
    expect(before).toEqual({ p: 1 });
    const after = await c.findOneAndUpdate({ q: 1, hit: { $exists: false } }, { $set: { hit: true } }, { sort: { p: -1 }, returnDocument: 'after' });
    expect(after).toMatchObject({ p: 3, hit: true });
    const up = await c.findOneAndUpdate({ q: 9 }, { $set: { made: 1 } }, { upsert: true, returnDocument: 'after' });
    expect(up).toMatchObject({ q: 9, made: 1 });
    const none = await c.findOneAndUpdate({ q: 10 }, { $set: { made: 1 } });
    expect(none).toBeNull();
    const replaced = await c.findOneAndReplace({ q: 9 }, { q: 9, replaced: true }, { returnDocument: 'after' });
    expect(replaced).toMatchObject({ q: 9, replaced: true });
    expect(replaced).not.toHaveProperty('made');
    const gone = await c.findOneAndDelete({ q: 1 }, { sort: { p: -1 } });
    expect(gone).toMatchObject({ p: 3 });
    expect(await c.countDocuments({ q: 1 })).toBe(2);
    const meta = await c.findOneAndUpdate({ q: 1 }, { $inc: { n: 1 } }, { includeResultMetadata: true });
    expect(meta.ok).toBe(1);
    expect(meta.lastErrorObject).toMatchObject({ n: 1, updatedExisting: true });
  });

  it('counts and lists distinct values', async () => {
    const c = h.db.collection('cnt');
    await c.insertMany([{ c: 'a', t: ['x', 'y'] }, { c: 'b', t: ['y'] }, { c: 'a' }]);
    expect(await c.countDocuments({ c: 'a' })).toBe(2);
    expect(await c.countDocuments({}, { limit: 2 })).toBe(2);
    expect(await c.estimatedDocumentCount()).toBe(3);
    expect((await c.distinct('c')).sort()).toEqual(['a', 'b']);
    expect((await c.distinct('t')).sort()).toEqual(['x', 'y']);
    expect(await c.distinct('c', { t: 'x' })).toEqual(['a']);
  });

  it('accepts unacknowledged writes', async () => {
    const c = h.db.collection('w0', { writeConcern: { w: 0 } });
    await c.insertOne({ fire: 'and forget' });
    const acked = h.db.collection('w0');
    for (let i = 0; i < 50 && (await acked.countDocuments()) === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await acked.countDocuments()).toBe(1);
  });

  it('round-trips BSON types', async () => {
    const c = h.db.collection('types');
    const doc = { _id: new ObjectId(), d: new Date('2024-01-02T03:04:05Z'), n: null, b: true, f: 1.5, s: '中文', arr: [1, 'two', { three: 3 }], o: { deep: { er: 1 } } };
    await c.insertOne(doc);
    expect(await c.findOne({ _id: doc._id })).toEqual(doc);
    expect(await c.findOne({ d: { $gte: new Date('2024-01-01') } })).toMatchObject({ s: '中文' });
  });
});

describe('bulk writes and cursors', () => {
  it('runs a mixed bulkWrite', async () => {
    const c = h.db.collection('bulk');
    const r = await c.bulkWrite([
      { insertOne: { document: { _id: 1, n: 1 } as any } },
      { insertOne: { document: { _id: 2, n: 2 } as any } },
      { updateOne: { filter: { _id: 1 } as any, update: { $inc: { n: 10 } } } },
      { updateMany: { filter: { n: { $gte: 0 } }, update: { $set: { seen: true } } } },
      { replaceOne: { filter: { _id: 2 } as any, replacement: { n: 20 } } },
      { updateOne: { filter: { _id: 3 } as any, update: { $set: { n: 3 } }, upsert: true } },
      { deleteOne: { filter: { _id: 2 } as any } },
    ]);
    expect(r.insertedCount).toBe(2);
    expect(r.matchedCount).toBe(4);
    expect(r.upsertedCount).toBe(1);
    expect(r.deletedCount).toBe(1);
    expect(await c.find().sort({ _id: 1 }).toArray()).toEqual([{ _id: 1, n: 11, seen: true }, { _id: 3, n: 3 }]);
  });

  it('reports CursorNotFound for a cursor that was killed', async () => {
    const c = h.db.collection('killed');
    await c.insertMany(Array.from({ length: 30 }, (_, i) => ({ i })));
    const first = await h.db.command({ find: 'killed', filter: {}, batchSize: 5 });
    const id = first.cursor.id;
    await h.db.command({ killCursors: 'killed', cursors: [id] });
    await expect(h.db.command({ getMore: id, collection: 'killed' })).rejects.toMatchObject({ code: 43, codeName: 'CursorNotFound' });
  });

  it('unique partial index on a $type filter (how users.openid is declared)', async () => {
    const c = h.db.collection('openids');
    await c.createIndex({ openid: 1 }, { unique: true, partialFilterExpression: { openid: { $type: 'string' } }, name: 'openid_unique' });
    await c.insertMany([{ name: 'no openid' }, { name: 'also none' }, { openid: 'wx1' }]);
    await expect(c.insertOne({ openid: 'wx1' })).rejects.toMatchObject({ code: 11000, keyValue: { openid: 'wx1' } });
    await expect(c.updateOne({ name: 'no openid' }, { $set: { openid: 'wx1' } })).rejects.toMatchObject({ code: 11000 });
    await c.updateOne({ name: 'no openid' }, { $set: { openid: 'wx2' } });
    expect(await c.countDocuments({ openid: { $type: 'string' } })).toBe(2);
  });
});
