import { MongoClient, type Db } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../server/db/embeddedMongo';
import { LEASE_MS, WAIT_MS } from '../../cloudfunctions/_core/routing/idempotency';
import { FaultProxy, type Command } from './faultProxy';
import { startGatewayProcess, type GatewayProcess } from './gatewayProcess';
import { clientsAt, wishInput, type Client, type Reply } from './harness';

/**
 * M6: a gateway killed (SIGKILL) in the middle of a write with a requestId, then the client retrying that requestId
 * against the gateway started in its place. The kill lands at a chosen command: the proxy between gateway and
 * database stops the conversation there, the way a process dies there.
 */
const DB = 'xinyuan_crash';
const env = { TOKEN_SECRET: 'c'.repeat(48) };
let database: EmbeddedMongo;
let proxy: FaultProxy;
let direct: MongoClient;
let db: Db;
let gateway: GatewayProcess;

beforeAll(async () => {
  database = await startEmbeddedMongo({ port: 0 });
  proxy = await FaultProxy.start({ host: '127.0.0.1', port: Number(new URL(database.uri).port) });
  gateway = await startGatewayProcess(proxy.uri(), DB, env);
  direct = await MongoClient.connect(database.uri);
  db = direct.db(DB);
  await (await clientsAt(gateway.url).login('secretary')).ok('org', 'updateSettings', { settings: { postsPerDay: 50 } });
}, 120_000);
afterAll(async () => {
  await gateway?.stop();
  await direct?.close();
  await proxy?.close();
  await database?.stop();
});

const as = (who: string) => clientsAt(gateway.url).login(who);

async function until<T>(probe: () => Promise<T | null | undefined | false>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Sends `send` (which must use `requestId`), kills the gateway when the proxy meets `at`, starts a new one, and
 * retries the same requestId there as the client would. Returns the retry's reply and how long it took.
 */
async function killAt(at: (c: Command) => boolean, fault: 'hang' | 'hold', send: (c: Client) => Promise<Reply>, who: string, afterHit?: () => Promise<unknown>) {
  const client = await as(who);
  const hit = proxy.on(at, fault);
  const first = send(client).then(() => 'answered', () => 'no answer');
  await hit;
  await afterHit?.();
  await gateway.crash();
  expect(await first).toBe('no answer');
  gateway = await startGatewayProcess(proxy.uri(), DB, env);
  const t = Date.now();
  const retry = await send(await as(who));
  return { retry, ms: Date.now() - t };
}

const isCommit = (c: Command) => c.name === 'commitTransaction';
const writes = (coll: string) => (c: Command) => ['insert', 'update', 'findAndModify'].includes(c.name) && c.collection === coll;

async function pendingWish(title: string): Promise<string> {
  return (await (await as('resident')).ok('wishes', 'create', wishInput({ title }))).wish.id;
}

describe('M6: a gateway killed mid-write, and the client retrying the same requestId', () => {
  test('approve killed after its commit reached the database: the retry gets the committed reply at once, one approval', async () => {
    const wishId = await pendingWish('厨房水龙头漏水');
    const { retry, ms } = await killAt(isCommit, 'hang', (c) => c.call('dispatch', 'approve', { wishId }, 'kill-approve-after-commit'), 'secretary', () =>
      until(() => db.collection('wishes').findOne({ _id: wishId as never, status: 'open' })),
    );
    expect(retry.status).toBe(200);
    expect(retry.data.wish).toMatchObject({ id: wishId, status: 'open' });
    expect(ms).toBeLessThan(LEASE_MS); // found by its key, not waited out
    const wish = await db.collection('wishes').findOne({ _id: wishId as never });
    expect(wish!.events.filter((e: { action: string }) => e.action === 'approve')).toHaveLength(1);
  });

  test('create killed after its commit: the retry returns the same wish, and there is one wish', async () => {
    const title = `楼道灯不亮 ${Date.now()}`;
    const send = (c: Client) => c.call('wishes', 'create', wishInput({ title }), 'kill-create-after-commit');
    const { retry, ms } = await killAt(isCommit, 'hang', send, 'resident', () => until(() => db.collection('wishes').findOne({ title })));
    expect(retry.status).toBe(200);
    expect(ms).toBeLessThan(LEASE_MS);
    const stored = await db.collection('wishes').find({ title }).toArray();
    expect(stored).toHaveLength(1);
    expect(retry.data.wish.id).toBe(stored[0]._id);
  });

  test('approve killed before its write reached the database: the retry takes the dead run over within a lease and approves once', async () => {
    const wishId = await pendingWish('窗户玻璃裂了');
    const { retry, ms } = await killAt(writes('wishes'), 'hold', (c) => c.call('dispatch', 'approve', { wishId }, 'kill-approve-before-write'), 'secretary');
    expect(retry.body).toMatchObject({ ok: true, data: { wish: { id: wishId, status: 'open' } } });
    expect(ms).toBeLessThan(WAIT_MS + 1_000);
    const wish = await db.collection('wishes').findOne({ _id: wishId as never });
    expect(wish!.events.filter((e: { action: string }) => e.action === 'approve')).toHaveLength(1);
  });

  test('create killed before its write: the retry creates the wish once', async () => {
    const title = `门禁卡失灵 ${Date.now()}`;
    const { retry } = await killAt(writes('wishes'), 'hold', (c) => c.call('wishes', 'create', wishInput({ title }), 'kill-create-before-write'), 'resident');
    expect(retry.status).toBe(200);
    expect(await db.collection('wishes').countDocuments({ title })).toBe(1);
    // And from then on the same reply, byte for byte.
    expect((await (await as('resident')).call('wishes', 'create', wishInput({ title }), 'kill-create-before-write')).body).toEqual(retry.body);
  });
});
