import { MongoServerError } from 'mongodb';
import { useMongo } from './harness';

const h = useMongo('handshake');

describe('handshake and server commands', () => {
  it('answers ping and buildInfo', async () => {
    expect(await h.db.command({ ping: 1 })).toMatchObject({ ok: 1 });
    const info = await h.db.admin().command({ buildInfo: 1 });
    expect(typeof info.version).toBe('string');
    expect(Array.isArray(info.versionArray)).toBe(true);
  });

  it('presents a writable replica-set primary with the limits the driver needs', async () => {
    const hello = await h.db.admin().command({ hello: 1 });
    expect(hello.isWritablePrimary).toBe(true);
    expect(typeof hello.setName).toBe('string');
    expect(hello.hosts.length).toBeGreaterThanOrEqual(1);
    expect(hello.maxWireVersion).toBeGreaterThanOrEqual(17);
    expect(hello.maxBsonObjectSize).toBe(16 * 1024 * 1024);
    expect(hello.maxMessageSizeBytes).toBeGreaterThanOrEqual(hello.maxBsonObjectSize);
    expect(hello.maxWriteBatchSize).toBeGreaterThan(0);
    expect(hello.logicalSessionTimeoutMinutes).toBeGreaterThan(0);
    expect(hello.topologyVersion).toBeDefined();
    const legacy = await h.db.admin().command({ isMaster: 1 });
    expect(legacy.ismaster).toBe(true);
  });

  it('rejects unknown commands with CommandNotFound', async () => {
    await expect(h.db.command({ noSuchCommandHere: 1 })).rejects.toMatchObject({ code: 59, codeName: 'CommandNotFound' });
  });

  it('creates, lists and drops collections and databases', async () => {
    await h.db.createCollection('made');
    await expect(h.db.createCollection('made')).rejects.toMatchObject({ code: 48, codeName: 'NamespaceExists' });
    await h.db.collection('implicit').insertOne({ a: 1 });
    const names = (await h.db.listCollections().toArray()).map((c) => c.name).sort();
    expect(names).toEqual(expect.arrayContaining(['implicit', 'made']));
    const nameOnly = await h.db.listCollections({ name: 'made' }, { nameOnly: true }).toArray();
    expect(nameOnly).toEqual([expect.objectContaining({ name: 'made' })]);
    const dbs = await h.db.admin().listDatabases();
    expect(dbs.databases.map((d) => d.name)).toContain(h.db.databaseName);
    expect(await h.db.collection('made').drop()).toBe(true);
    expect((await h.db.listCollections().toArray()).map((c) => c.name)).not.toContain('made');

    const other = h.client.db(`${h.db.databaseName}_other`);
    await other.collection('x').insertOne({ a: 1 });
    expect(await other.dropDatabase()).toBe(true);
    const after = await h.db.admin().listDatabases();
    expect(after.databases.map((d) => d.name)).not.toContain(other.databaseName);
  });

  it('renames collections, keeping documents and indexes', async () => {
    const a = h.db.collection('before_rename');
    await a.createIndex({ k: 1 }, { unique: true });
    await a.insertOne({ k: 1 });
    const b = await a.rename('after_rename');
    expect(await b.countDocuments()).toBe(1);
    await expect(b.insertOne({ k: 1 })).rejects.toMatchObject({ code: 11000, message: expect.stringContaining('.after_rename index: k_1') });
    expect((await h.db.listCollections().toArray()).map((c) => c.name)).not.toContain('before_rename');
  });

  it('lists indexes of a missing collection as NamespaceNotFound', async () => {
    const err = await h.db.collection('nope').listIndexes().toArray().catch((e) => e);
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err.code).toBe(26);
  });

  it('supports sessions and ends them', async () => {
    const session = h.client.startSession();
    await h.db.collection('s').insertOne({ a: 1 }, { session });
    expect(await h.db.collection('s').countDocuments({}, { session })).toBe(1);
    await session.endSession();
  });
});
