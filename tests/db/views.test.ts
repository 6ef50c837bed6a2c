// Views: read-only collections defined by a source and a pipeline, evaluated on every read, and the
// collection statistics around them. Driver-level contract, as mongod answers.
import fs from 'fs';
import os from 'os';
import path from 'path';
import { MongoClient, MongoServerError } from 'mongodb';
import { startEmbeddedMongo } from '../../server/db/embeddedMongo';
import { useMongo } from './harness';

const h = useMongo('views');

async function wishesWithView(name: string) {
  const source = h.db.collection(`${name}_src`);
  await source.insertMany([
    { _id: 1, title: '修水管', status: 'open', points: 5, owner: 'a' },
    { _id: 2, title: '陪诊', status: 'open', points: 8, owner: 'b' },
    { _id: 3, title: '代购', status: 'done', points: 3, owner: 'a' },
  ] as any[]);
  await h.db.createCollection(name, { viewOn: `${name}_src`, pipeline: [{ $match: { status: 'open' } }, { $project: { status: 0 } }] });
  return { source, view: h.db.collection(name) };
}

const code = (p: Promise<unknown>) => p.then(() => 'accepted', (e: MongoServerError) => `${e.code} ${e.codeName}`);

describe('views', () => {
  it('refuses every write and index change with CommandNotSupportedOnView (166), changing nothing', async () => {
    const { source, view } = await wishesWithView('refuse');
    const refused = '166 CommandNotSupportedOnView';
    expect(await code(view.insertOne({ title: 'x' }))).toBe(refused);
    expect(await code(view.updateMany({}, { $set: { points: 0 } }))).toBe(refused);
    expect(await code(view.replaceOne({ _id: 1 } as any, { title: 'y' }))).toBe(refused);
    expect(await code(view.deleteMany({}))).toBe(refused);
    expect(await code(view.findOneAndUpdate({ _id: 1 } as any, { $set: { points: 0 } }))).toBe(refused);
    expect(await code(view.createIndex({ title: 1 }))).toBe(refused);
    expect(await code(view.bulkWrite([{ insertOne: { document: { title: 'z' } } }]))).toBe(refused);
    expect(await source.find({}, { projection: { points: 1 } }).sort({ _id: 1 }).toArray()).toEqual([
      { _id: 1, points: 5 },
      { _id: 2, points: 8 },
      { _id: 3, points: 3 },
    ]);
  });

  it('is listed as a view with its definition, and refuses a definition that writes', async () => {
    await wishesWithView('listed');
    const [info] = await h.db.listCollections({ name: 'listed' }).toArray();
    expect(info).toEqual({ name: 'listed', type: 'view', options: { viewOn: 'listed_src', pipeline: [{ $match: { status: 'open' } }, { $project: { status: 0 } }] }, info: { readOnly: true } });
    expect(await code(h.db.createCollection('writes', { viewOn: 'listed_src', pipeline: [{ $out: 'elsewhere' }] }))).toMatch(/^167 /);
    expect(await code(h.db.createCollection('listed', { viewOn: 'listed_src' }))).toBe('48 NamespaceExists');
  });

  it('can be the `from` of a $lookup, evaluated for each lookup', async () => {
    await wishesWithView('lookup');
    const owners = h.db.collection('lookup_owners');
    await owners.insertMany([{ _id: 'a' }, { _id: 'b' }] as any[]);
    const joined = await owners
      .aggregate([{ $lookup: { from: 'lookup', localField: '_id', foreignField: 'owner', as: 'open' } }, { $project: { n: { $size: '$open' } } }, { $sort: { _id: 1 } }])
      .toArray();
    expect(joined).toEqual([
      { _id: 'a', n: 1 },
      { _id: 'b', n: 1 },
    ]);
  });

  it('reads inside a transaction at the transaction snapshot; creating a view inside one is refused', async () => {
    const { source, view } = await wishesWithView('txn');
    const session = h.client.startSession();
    try {
      session.startTransaction();
      expect(await view.countDocuments({}, { session })).toBe(2);
      await source.updateOne({ _id: 3 } as any, { $set: { status: 'open' } }); // outside the transaction
      expect(await view.countDocuments({}, { session })).toBe(2);
      expect(await code(h.db.createCollection('txnView', { viewOn: 'txn_src', session }))).toBe('263 OperationNotSupportedInTransaction');
    } finally {
      await session.endSession();
    }
    expect(await view.countDocuments()).toBe(3);
  });

  it('collMod replaces its definition; dropping it leaves the source alone', async () => {
    const { source, view } = await wishesWithView('modded');
    await h.db.command({ collMod: 'modded', viewOn: 'modded_src', pipeline: [{ $match: { owner: 'a' } }] });
    expect(await view.find().sort({ _id: 1 }).map((d) => d._id).toArray()).toEqual([1, 3]);
    expect(await code(h.db.command({ collMod: 'modded', validator: { a: 1 } }))).toMatch(/^72 /);
    expect(await view.drop()).toBe(true);
    expect(await source.countDocuments()).toBe(3);
  });
});

describe('collMod on a collection', () => {
  it("changes a TTL index's expireAfterSeconds, found by name or key pattern", async () => {
    const c = h.db.collection('ttl');
    await c.createIndex({ at: 1 }, { expireAfterSeconds: 3600 });
    const byName = await h.db.command({ collMod: 'ttl', index: { name: 'at_1', expireAfterSeconds: 60 } });
    expect(byName).toMatchObject({ expireAfterSeconds_old: 3600, expireAfterSeconds_new: 60, ok: 1 });
    await h.db.command({ collMod: 'ttl', index: { keyPattern: { at: 1 }, expireAfterSeconds: 120 } });
    expect((await c.indexes()).find((i) => i.name === 'at_1')).toMatchObject({ key: { at: 1 }, expireAfterSeconds: 120 });
    expect(await code(h.db.command({ collMod: 'ttl', index: { name: 'nope', expireAfterSeconds: 1 } }))).toBe('27 IndexNotFound');
  });

  it('records changeStreamPreAndPostImages in the options listCollections reports, and refuses a validator', async () => {
    await h.db.createCollection('images', { changeStreamPreAndPostImages: { enabled: false } });
    await h.db.command({ collMod: 'images', changeStreamPreAndPostImages: { enabled: true } });
    const [info] = await h.db.listCollections({ name: 'images' }, { nameOnly: false }).toArray();
    expect(info.options).toEqual({ changeStreamPreAndPostImages: { enabled: true } });
    expect(await code(h.db.command({ collMod: 'images', validator: { a: { $type: 'int' } } }))).toBe('238 NotImplemented');
  });
});

describe('collection statistics', () => {
  it('$collStats counts and sizes documents as BSON; a missing collection is NamespaceNotFound', async () => {
    const c = h.db.collection('sized');
    const docs = [{ _id: 1, text: 'x'.repeat(100) }, { _id: 2, text: 'y'.repeat(300) }];
    await c.insertMany(docs as any[]);
    const [stats] = await c.aggregate([{ $collStats: { count: {}, storageStats: { scale: 1 } } }]).toArray();
    const { calculateObjectSize } = await import('bson');
    const bytes = docs.reduce((n, d) => n + calculateObjectSize(d), 0);
    expect(stats).toMatchObject({ ns: `${h.db.databaseName}.sized`, count: 2, storageStats: { count: 2, size: bytes, nindexes: 1, avgObjSize: Math.floor(bytes / 2) } });
    expect(stats.storageStats.totalSize).toBe(stats.storageStats.storageSize + stats.storageStats.totalIndexSize);
    expect(await code(h.db.collection('absent').aggregate([{ $collStats: { storageStats: {} } }]).toArray())).toBe('26 NamespaceNotFound');
    expect(await code(c.aggregate([{ $match: {} }, { $collStats: { count: {} } }]).toArray())).toMatch(/^40602 /);
  });
});

const embeddedOnly = process.env.MONGODB_URI ? describe.skip : describe;

embeddedOnly('views on disk', () => {
  it('a view and its collMod survive a restart from the dbPath', async () => {
    const dbPath = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-views-'));
    try {
      let server = await startEmbeddedMongo({ port: 0, dbPath });
      let client = await MongoClient.connect(server.uri);
      const db = client.db('kept');
      await db.collection('src').insertMany([{ k: 1 }, { k: 2 }, { k: 3 }]);
      await db.createCollection('small', { viewOn: 'src', pipeline: [{ $match: { k: { $lt: 3 } } }] });
      await db.command({ collMod: 'small', viewOn: 'src', pipeline: [{ $match: { k: { $lt: 2 } } }] });
      await client.close();
      await server.stop();

      server = await startEmbeddedMongo({ port: 0, dbPath });
      client = await MongoClient.connect(server.uri);
      expect(await client.db('kept').collection('small').find({}, { projection: { _id: 0 } }).toArray()).toEqual([{ k: 1 }]);
      await client.close();
      await server.stop();
    } finally {
      fs.rmSync(dbPath, { recursive: true, force: true });
    }
  });
});

describe('renameCollection and views', () => {
  it('refuses to rename a view (CommandNotSupportedOnView, as mongod) or onto one (NamespaceExists), changing nothing', async () => {
    const { source } = await wishesWithView('renamed_view');
    const admin = h.client.db('admin');
    const ns = (n: string) => `${h.db.databaseName}.${n}`;
    const fromView = await admin.command({ renameCollection: ns('renamed_view'), to: ns('renamed_view2') }).catch((e: MongoServerError) => e);
    expect({ code: fromView.code, message: fromView.message }).toEqual({ code: 166, message: `cannot rename view: ${ns('renamed_view')}` });
    const ontoView = await admin.command({ renameCollection: source.namespace, to: ns('renamed_view'), dropTarget: true }).catch((e: MongoServerError) => e);
    expect({ code: ontoView.code, message: ontoView.message }).toEqual({ code: 48, message: `a view already exists with that name: ${ns('renamed_view')}` });
    const listed = await h.db.listCollections({ name: { $in: ['renamed_view', 'renamed_view2', 'renamed_view_src'] } }).toArray();
    expect(listed.map((c) => `${c.name} ${c.type}`).sort()).toEqual(['renamed_view view', 'renamed_view_src collection']);
    expect(await h.db.collection('renamed_view').countDocuments()).toBe(2);
  });
});
