import { MongoServerError } from 'mongodb';
import { useMongo } from './harness';

const h = useMongo('txn');

describe('transactions', () => {
  beforeAll(async () => {
    // Real MongoDB cannot create collections inside some transactions: create them first.
    for (const name of ['acct', 'log', 'iso', 'conflict', 'retry', 'txnuniq']) await h.db.createCollection(name);
  });

  it('commits all writes together', async () => {
    const acct = h.db.collection('acct');
    await acct.insertMany([{ _id: 'a', bal: 100 }, { _id: 'b', bal: 0 }] as any[]);
    const session = h.client.startSession();
    try {
      await session.withTransaction(async () => {
        await acct.updateOne({ _id: 'a' } as any, { $inc: { bal: -30 } }, { session });
        await acct.updateOne({ _id: 'b' } as any, { $inc: { bal: 30 } }, { session });
        await h.db.collection('log').insertOne({ moved: 30 }, { session });
      });
    } finally {
      await session.endSession();
    }
    expect(await acct.find().sort({ _id: 1 }).toArray()).toEqual([{ _id: 'a', bal: 70 }, { _id: 'b', bal: 30 }]);
    expect(await h.db.collection('log').countDocuments()).toBe(1);
  });

  it('aborts all writes together', async () => {
    const acct = h.db.collection('acct');
    const session = h.client.startSession();
    session.startTransaction();
    await acct.updateOne({ _id: 'a' } as any, { $inc: { bal: -1000 } }, { session });
    await h.db.collection('log').insertOne({ moved: 1000 }, { session });
    await session.abortTransaction();
    await session.endSession();
    expect((await acct.findOne({ _id: 'a' } as any))!.bal).toBe(70);
    expect(await h.db.collection('log').countDocuments()).toBe(1);
  });

  it('reads its own writes and isolates them from others until commit', async () => {
    const iso = h.db.collection('iso');
    await iso.insertOne({ _id: 'x', v: 1 } as any);
    const session = h.client.startSession();
    session.startTransaction();
    await iso.updateOne({ _id: 'x' } as any, { $set: { v: 2 } }, { session });
    await iso.insertOne({ _id: 'y', v: 1 } as any, { session });
    expect((await iso.findOne({ _id: 'x' } as any, { session }))!.v).toBe(2);
    expect(await iso.countDocuments({}, { session })).toBe(2);
    expect((await iso.findOne({ _id: 'x' } as any))!.v).toBe(1);
    expect(await iso.countDocuments({})).toBe(1);
    await session.commitTransaction();
    await session.endSession();
    expect((await iso.findOne({ _id: 'x' } as any))!.v).toBe(2);
    expect(await iso.countDocuments({})).toBe(2);
  });

  it('reads a snapshot: commits by others after the start are invisible', async () => {
    const iso = h.db.collection('iso');
    const session = h.client.startSession();
    session.startTransaction({ readConcern: { level: 'snapshot' } });
    expect((await iso.findOne({ _id: 'x' } as any, { session }))!.v).toBe(2);
    await iso.updateOne({ _id: 'y' } as any, { $set: { v: 99 } });
    await iso.insertOne({ _id: 'z' } as any);
    expect((await iso.findOne({ _id: 'y' } as any, { session }))!.v).toBe(1);
    expect(await iso.countDocuments({}, { session })).toBe(2);
    await session.commitTransaction();
    await session.endSession();
  });

  it('reports WriteConflict with TransientTransactionError when two transactions write one document', async () => {
    const c = h.db.collection('conflict');
    await c.insertOne({ _id: 'd', n: 0 } as any);
    const s1 = h.client.startSession();
    const s2 = h.client.startSession();
    s1.startTransaction();
    s2.startTransaction();
    await c.updateOne({ _id: 'd' } as any, { $inc: { n: 1 } }, { session: s1 });
    const err = await c.updateOne({ _id: 'd' } as any, { $inc: { n: 10 } }, { session: s2 }).catch((e) => e);
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err.code).toBe(112);
    expect(err.hasErrorLabel('TransientTransactionError')).toBe(true);
    await s1.commitTransaction();
    await s2.abortTransaction().catch(() => undefined);
    await s1.endSession();
    await s2.endSession();
    expect((await c.findOne({ _id: 'd' } as any))!.n).toBe(1);
  });

  it('withTransaction retries conflicting transactions until each applies once', async () => {
    const c = h.db.collection('retry');
    await c.insertOne({ _id: 'ctr', n: 0 } as any);
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        const session = h.client.startSession();
        try {
          await session.withTransaction(async () => {
            const doc = await c.findOne({ _id: 'ctr' } as any, { session });
            await new Promise((r) => setTimeout(r, 5));
            await c.updateOne({ _id: 'ctr' } as any, { $set: { n: doc!.n + 1 } }, { session });
          });
        } finally {
          await session.endSession();
        }
      }),
    );
    expect((await c.findOne({ _id: 'ctr' } as any))!.n).toBe(10);
  });

  it('keeps an invariant under concurrent transfers (snapshot isolation + retries)', async () => {
    const bank = h.db.collection('bank');
    await bank.insertMany(Array.from({ length: 5 }, (_, i) => ({ _id: `acct${i}`, bal: 100 })) as any[]);
    await h.db.createCollection('transfers');
    let seed = 7;
    const rnd = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    const plans = Array.from({ length: 24 }, () => {
      const from = rnd(5);
      return { from: `acct${from}`, to: `acct${(from + 1 + rnd(4)) % 5}`, amount: 1 + rnd(20) };
    });
    await Promise.all(
      plans.map(async (p, i) => {
        const session = h.client.startSession();
        try {
          await session.withTransaction(async () => {
            const src = await bank.findOne({ _id: p.from } as any, { session });
            if (src!.bal < p.amount) return;
            await bank.updateOne({ _id: p.from } as any, { $inc: { bal: -p.amount } }, { session });
            await bank.updateOne({ _id: p.to } as any, { $inc: { bal: p.amount } }, { session });
            await h.db.collection('transfers').insertOne({ i, ...p }, { session });
          });
        } finally {
          await session.endSession();
        }
      }),
    );
    const accounts = await bank.find().toArray();
    expect(accounts.reduce((s, a) => s + a.bal, 0)).toBe(500);
    expect(accounts.every((a) => a.bal >= 0)).toBe(true);
    // Every recorded transfer is reflected in the balances, and nothing else is.
    const applied = await h.db.collection('transfers').find().toArray();
    const expected = new Map(accounts.map((a) => [a._id, 100]));
    for (const t of applied) {
      expected.set(t.from, expected.get(t.from)! - t.amount);
      expected.set(t.to, expected.get(t.to)! + t.amount);
    }
    for (const a of accounts) expect(a.bal).toBe(expected.get(a._id));
    expect(new Set(applied.map((t) => t.i)).size).toBe(applied.length);
  });

  it('answers NoSuchTransaction for an unknown transaction number', async () => {
    const session = h.client.startSession();
    const lsid = session.id!;
    const err = await h.db
      .command({ find: 'acct', filter: {}, lsid, txnNumber: 12345 as any, autocommit: false })
      .catch((e) => e);
    expect(err.code).toBe(251);
    expect(err.codeName).toBe('NoSuchTransaction');
    await session.endSession();
  });

  it('enforces unique indexes inside transactions', async () => {
    const c = h.db.collection('txnuniq');
    await c.createIndex({ k: 1 }, { unique: true });
    await c.insertOne({ k: 1 });
    const session = h.client.startSession();
    session.startTransaction();
    await expect(c.insertOne({ k: 1 }, { session })).rejects.toMatchObject({ code: 11000 });
    await session.abortTransaction().catch(() => undefined);
    await session.endSession();
    expect(await c.countDocuments()).toBe(1);
  });

  it('sees its own inserts into a collection it creates', async () => {
    const session = h.client.startSession();
    try {
      await session.withTransaction(async () => {
        const c = h.db.collection('bornintxn');
        await c.insertOne({ a: 1 }, { session });
        expect(await c.countDocuments({}, { session })).toBe(1);
      });
    } finally {
      await session.endSession();
    }
    expect(await h.db.collection('bornintxn').countDocuments()).toBe(1);
  });

  it('accepts retryable writes', async () => {
    const c = h.db.collection('retryable');
    await c.insertOne({ a: 1 });
    await c.updateOne({ a: 1 }, { $inc: { b: 1 } });
    expect((await c.findOne({ a: 1 }))!.b).toBe(1);
  });
});

/**
 * DDL in a transaction, as MongoDB 7.0 has it (4.4+): a collection may be created in one, and indexes built on a
 * collection the transaction creates, both seen by others only once it commits; a new index on a collection that
 * existed before is refused (OperationNotSupportedInTransaction, 263), as is dropping an index.
 */
describe('collections and indexes created in a transaction', () => {
  const names = async () => (await h.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
  const refusal = (e: unknown) => ({ code: (e as MongoServerError).code, message: (e as MongoServerError).message });

  it('a created collection and its index exist for others only after the commit, and its documents obey the index', async () => {
    const session = h.client.startSession();
    try {
      session.startTransaction();
      await h.db.createCollection('ddl_new', { session });
      await h.db.collection('ddl_new').createIndex({ code: 1 }, { unique: true, name: 'code_1', session });
      await h.db.collection('ddl_new').insertOne({ _id: 1, code: 'a' } as any, { session });
      const dup = await h.db.collection('ddl_new').insertOne({ _id: 2, code: 'a' } as any, { session }).catch((e) => e);
      expect(dup).toBeInstanceOf(MongoServerError);
      expect((dup as MongoServerError).code).toBe(11000);
      await session.abortTransaction();

      session.startTransaction();
      await h.db.createCollection('ddl_new', { session });
      await h.db.collection('ddl_new').createIndex({ code: 1 }, { unique: true, name: 'code_1', session });
      await h.db.collection('ddl_new').insertOne({ _id: 1, code: 'a' } as any, { session });
      expect(await names()).not.toContain('ddl_new');
      await session.commitTransaction();
    } finally {
      await session.endSession();
    }
    expect(await names()).toContain('ddl_new');
    expect((await h.db.collection('ddl_new').indexes()).map((i) => i.name)).toEqual(['_id_', 'code_1']);
    expect(await h.db.collection('ddl_new').find().toArray()).toEqual([{ _id: 1, code: 'a' }]);
  });

  it('refuses a new index on a collection that existed before, and dropping an index, but answers an index that is already there', async () => {
    await h.db.collection('ddl_old').createIndex({ a: 1 }, { name: 'a_1' });
    const session = h.client.startSession();
    try {
      session.startTransaction();
      const again = await h.db.collection('ddl_old').createIndex({ a: 1 }, { name: 'a_1', session });
      expect(again).toBe('a_1');
      const build = await h.db.collection('ddl_old').createIndex({ b: 1 }, { session }).catch((e) => e);
      expect(refusal(build)).toEqual({ code: 263, message: `Cannot create new indexes on existing collection ${h.db.databaseName}.ddl_old in a multi-document transaction.` });
      await session.abortTransaction().catch(() => undefined);

      session.startTransaction();
      const drop = await h.db.collection('ddl_old').dropIndex('a_1', { session }).catch((e) => e);
      expect(refusal(drop)).toEqual({ code: 263, message: "Cannot run 'dropIndexes' in a multi-document transaction." });
      await session.abortTransaction().catch(() => undefined);

      session.startTransaction();
      const exists = await h.db.createCollection('ddl_old', { session }).catch((e) => e);
      expect((exists as MongoServerError).code).toBe(48);
      await session.abortTransaction().catch(() => undefined);
    } finally {
      await session.endSession();
    }
    expect((await h.db.collection('ddl_old').indexes()).map((i) => i.name)).toEqual(['_id_', 'a_1']);
  });
});
