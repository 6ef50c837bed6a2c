import { MongoClient } from 'mongodb';
import { useMongo } from './harness';

const h = useMongo('concurrency');

describe('atomic commands under concurrency', () => {
  it('200 concurrent findOneAndUpdate on one free slot: exactly one winner', async () => {
    const c = h.db.collection('slot');
    const { insertedId } = await c.insertOne({ claimedBy: null, version: 0 });
    // Several clients so the calls really arrive on separate connections.
    const clients = await Promise.all(Array.from({ length: 4 }, () => new MongoClient(h.uri, { maxPoolSize: 50 }).connect()));
    try {
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          clients[i % 4]
            .db(h.db.databaseName)
            .collection('slot')
            .findOneAndUpdate({ _id: insertedId, claimedBy: null }, { $set: { claimedBy: `user${i}` }, $inc: { version: 1 } }, { returnDocument: 'after' }),
        ),
      );
      const winners = results.filter((r) => r !== null);
      expect(winners).toHaveLength(1);
      const doc = await c.findOne({ _id: insertedId });
      expect(doc!.version).toBe(1);
      expect(doc!.claimedBy).toBe(winners[0]!.claimedBy);
    } finally {
      await Promise.all(clients.map((x) => x.close()));
    }
  });

  it('concurrent $inc loses no update', async () => {
    const c = h.db.collection('counter');
    const { insertedId } = await c.insertOne({ n: 0 });
    await Promise.all(Array.from({ length: 300 }, () => c.updateOne({ _id: insertedId }, { $inc: { n: 1 } })));
    expect((await c.findOne({ _id: insertedId }))!.n).toBe(300);
  });

  it('unique index race: one insert wins, the rest get 11000', async () => {
    const c = h.db.collection('claims');
    await c.createIndex({ wish: 1, slot: 1 }, { unique: true });
    const outcomes = await Promise.allSettled(Array.from({ length: 100 }, (_, i) => c.insertOne({ wish: 'w1', slot: 0, user: i })));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(rejected).toHaveLength(99);
    expect(rejected.every((r) => r.reason.code === 11000)).toBe(true);
    expect(await c.countDocuments({ wish: 'w1' })).toBe(1);
  });

  it('upsert race on a unique key leaves one document', async () => {
    const c = h.db.collection('upsertrace');
    await c.createIndex({ key: 1 }, { unique: true });
    await Promise.allSettled(Array.from({ length: 50 }, () => c.updateOne({ key: 'k' }, { $inc: { hits: 1 } }, { upsert: true })));
    const docs = await c.find({ key: 'k' }).toArray();
    expect(docs).toHaveLength(1);
    expect(docs[0].hits).toBeGreaterThanOrEqual(1);
  });
});
