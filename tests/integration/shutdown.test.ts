import { MongoClient } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../server/db/embeddedMongo';
import { FaultProxy } from './faultProxy';
import { startTestServer, wishInput } from './harness';

/**
 * Stopping the server while a write its deadline already answered (503) is still running: the write finishes before
 * the database connection is closed. Closing it under the write ended the write's session mid-transaction
 * (MongoExpiredSessionError in the log) and lost the write its client was told to retry.
 */
const DB = 'xinyuan_shutdown';
let database: EmbeddedMongo;
let proxy: FaultProxy;

beforeAll(async () => {
  database = await startEmbeddedMongo({ port: 0 });
  proxy = await FaultProxy.start({ host: '127.0.0.1', port: Number(new URL(database.uri).port) });
});
afterAll(async () => {
  await proxy?.close();
  await database?.stop();
});

test('a claim answered 503 at its deadline still commits when the server stops meanwhile, and nothing meets an ended session', async () => {
  const server = await startTestServer({ mongoUri: proxy.uri(), mongoDb: DB, config: { requestTimeoutMs: 400 } as never });
  const errors: string[] = [];
  const spy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args.map(String).join(' ')));
  try {
    const resident = await server.login('resident');
    const volunteer = await server.login('volunteer');
    const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '帮忙修水龙头' }));
    await (await server.login('secretary')).ok('dispatch', 'approve', { wishId: wish.id });

    proxy.stall(1_500);
    const reply = await volunteer.call('tasks', 'claim', { wishId: wish.id }, 'shutdown-claim-1');
    expect(reply.body).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    await server.stop();
  } finally {
    spy.mockRestore();
  }
  const direct = await MongoClient.connect(database.uri);
  try {
    const stored = await direct.db(DB).collection('wishes').findOne({ title: '帮忙修水龙头' });
    expect(stored!.claims).toHaveLength(1);
    const done = await direct.db(DB).collection('requests').findOne({ _id: { $regex: 'shutdown-claim-1$' } as never });
    expect(done).toMatchObject({ state: 'done' });
  } finally {
    await direct.close();
  }
  expect(errors.filter((e) => /Expired|ended|closed/i.test(e))).toEqual([]);
});
