import { MongoClient, type Db } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../server/db/embeddedMongo';
import { FaultProxy, WRITE_CONFLICT, type Command } from './faultProxy';
import { request, startTestServer, wishInput, type Client, type Reply, type TestServer } from './harness';

/**
 * Faults injected between the gateway and its database (a socket-level proxy, faultProxy.ts): a network error after a
 * write, a transient transaction error, a database that stalls, a lost step between a wish and its messages. Each
 * asserts what the client sees and that every effect happened exactly once.
 */
const DB = 'xinyuan_faults';
const DEADLINE_MS = 1_500;
const MAX_IN_FLIGHT = 8;
let database: EmbeddedMongo;
let proxy: FaultProxy;
let direct: MongoClient;
let db: Db;
let server: TestServer;

beforeAll(async () => {
  database = await startEmbeddedMongo({ port: 0 });
  proxy = await FaultProxy.start({ host: '127.0.0.1', port: Number(new URL(database.uri).port) });
  server = await startTestServer({ mongoUri: proxy.uri(), mongoDb: DB, config: { requestTimeoutMs: DEADLINE_MS, maxInFlight: MAX_IN_FLIGHT } as never });
  await (await server.login('secretary')).ok('org', 'updateSettings', { settings: { postsPerDay: 100 } });
  // Checks read the database directly: they must not depend on the proxy they test.
  direct = await MongoClient.connect(database.uri);
  db = direct.db(DB);
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await direct?.close();
  await proxy?.close();
  await database?.stop();
});

const isCommit = (c: Command) => c.name === 'commitTransaction';
const writesTo = (coll: string) => (c: Command) => ['insert', 'update', 'findAndModify'].includes(c.name) && c.collection === coll;
let n = 0;
const rid = (what: string) => `fault-${what}-${++n}`;

/** The client's way with a write: the same requestId again while the server is unreachable or answers 503. */
async function retried(send: () => Promise<Reply>, ms = 15_000): Promise<Reply> {
  const end = Date.now() + ms;
  for (;;) {
    const r = await send().catch(() => undefined);
    if (r && r.status !== 503) return r;
    if (Date.now() > end) throw new Error('still unavailable');
    await new Promise((res) => setTimeout(res, 200));
  }
}

const wishDoc = (id: string) => db.collection('wishes').findOne({ _id: id as never });
const stepsOf = async (id: string, action: string) => ((await wishDoc(id))!.events as { action: string }[]).filter((e) => e.action === action).length;

/** A wish at a given step of the loop, and the people of it. */
async function wishAt(step: 'pending_review' | 'open' | 'done', title: string) {
  const [resident, secretary, volunteer] = await Promise.all([server.login('resident'), server.login('secretary'), server.login('volunteer')]);
  const { wish } = await resident.ok('wishes', 'create', wishInput({ title }));
  if (step !== 'pending_review') await secretary.ok('dispatch', 'approve', { wishId: wish.id });
  if (step === 'done') {
    await volunteer.ok('tasks', 'claim', { wishId: wish.id });
    await volunteer.ok('tasks', 'start', { wishId: wish.id });
    await volunteer.ok('tasks', 'complete', { wishId: wish.id, note: '已修好' });
  }
  return { id: wish.id as string, resident, secretary, volunteer };
}

interface Case {
  name: string;
  /** Sets up the wish and returns the write to make (with a requestId) and what proves its one effect. */
  prepare(): Promise<{ send: (requestId: string) => Promise<Reply>; check(reply: Reply): Promise<void> }>;
}

const CASES: Case[] = [
  {
    name: 'wishes.create',
    async prepare() {
      const resident = await server.login('resident');
      const title = `楼道灯坏了 ${++n}`;
      return {
        send: (requestId) => resident.call('wishes', 'create', wishInput({ title }), requestId),
        async check(reply) {
          const stored = await db.collection('wishes').find({ title }).toArray();
          expect(stored).toHaveLength(1);
          expect(reply.data.wish).toMatchObject({ id: stored[0]._id, status: 'pending_review', title });
        },
      };
    },
  },
  {
    name: 'dispatch.approve',
    async prepare() {
      const w = await wishAt('pending_review', '晾衣架卡住了');
      return {
        send: (requestId) => w.secretary.call('dispatch', 'approve', { wishId: w.id }, requestId),
        async check(reply) {
          expect(reply.data.wish).toMatchObject({ id: w.id, status: 'open' });
          expect(await stepsOf(w.id, 'approve')).toBe(1);
        },
      };
    },
  },
  {
    name: 'tasks.claim',
    async prepare() {
      const w = await wishAt('open', '帮忙取药');
      return {
        send: (requestId) => w.volunteer.call('tasks', 'claim', { wishId: w.id }, requestId),
        async check(reply) {
          expect(reply.data.wish).toMatchObject({ id: w.id, status: 'claimed' });
          expect(typeof reply.data.leaseUntil).toBe('string');
          expect(await stepsOf(w.id, 'claim')).toBe(1);
          expect((await wishDoc(w.id))!.claims).toHaveLength(1);
        },
      };
    },
  },
  {
    name: 'wishes.confirm',
    async prepare() {
      const w = await wishAt('done', '修理水龙头');
      return {
        send: (requestId) => w.resident.call('wishes', 'confirm', { wishId: w.id }, requestId),
        async check(reply) {
          expect(reply.data.wish).toMatchObject({ id: w.id, status: 'confirmed' });
          expect(await stepsOf(w.id, 'confirm')).toBe(1);
        },
      };
    },
  },
];

describe('a network error after the write: the client retries the same requestId and gets one effect and its reply', () => {
  test.each(CASES.map((c) => [c.name, c] as const))('%s: the commit reached the database, its reply was lost and the database was unreachable for 2.5 s', async (_name, c) => {
    const { send, check } = await c.prepare();
    const key = rid('after-commit');
    const hit = proxy.on(isCommit, 'cut');
    const first = send(key);
    await hit;
    proxy.partition(2_500);
    const t = Date.now();
    const answered = await first;
    // Not left hanging on a database it cannot reach: a quick, structured 503.
    expect(answered.status).toBe(503);
    expect(answered.body).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(Date.now() - t).toBeLessThan(DEADLINE_MS + 1_000);
    const retry = await retried(() => send(key));
    expect(retry.status).toBe(200);
    await check(retry);
    // And the same reply from then on.
    expect((await send(key)).body).toEqual(retry.body);
  });

  test.each(CASES.map((c) => [c.name, c] as const))('%s: the connection broke right after the write, before the commit: the transaction runs again, once', async (_name, c) => {
    const { send, check } = await c.prepare();
    const hit = proxy.on(writesTo('wishes'), 'cut');
    const reply = await send(rid('before-commit'));
    await hit;
    expect(reply.status).toBe(200);
    await check(reply);
  });
});

describe('a transient transaction error is retried', () => {
  test.each(CASES.map((c) => [c.name, c] as const))('%s: a WriteConflict on the write, then on the commit: one effect, the right reply', async (_name, c) => {
    const { send, check } = await c.prepare();
    const onWrite = proxy.on(writesTo('wishes'), { error: WRITE_CONFLICT });
    const onCommit = proxy.on(isCommit, { error: WRITE_CONFLICT });
    const reply = await send(rid('transient'));
    await Promise.all([onWrite, onCommit]);
    expect(reply.status).toBe(200);
    await check(reply);
  });
});

describe('a transaction that keeps conflicting', () => {
  test('is answered 503 UNAVAILABLE with nothing recorded, and the retry of its requestId runs it once', async () => {
    const w = await wishAt('open', '帮忙换灯泡');
    const key = rid('conflicting');
    const conflicts = proxy.on(writesTo('wishes'), { error: WRITE_CONFLICT }, 1_000);
    const first = await w.volunteer.call('tasks', 'claim', { wishId: w.id }, key);
    expect(first.status).toBe(503);
    expect(first.body).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    await conflicts;
    expect(await stepsOf(w.id, 'claim')).toBe(0);
    proxy.clear();
    const retry = await w.volunteer.call('tasks', 'claim', { wishId: w.id }, key);
    expect(retry.data.wish).toMatchObject({ id: w.id, status: 'claimed' });
    expect(await stepsOf(w.id, 'claim')).toBe(1);
  });
});

describe('a claim on a wish with no places left', () => {
  test('is refused as its transaction would refuse it (ALREADY_CLAIMED), from one read, without starting a transaction; its requestId keeps that answer', async () => {
    const w = await wishAt('open', '帮忙换灯泡');
    await w.volunteer.ok('tasks', 'claim', { wishId: w.id });
    const other = await server.login('party_member');
    const key = rid('full');
    const from = proxy.seen.length;
    const refused = await other.call('tasks', 'claim', { wishId: w.id }, key);
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'ALREADY_CLAIMED' } });
    const sent = proxy.seen.slice(from);
    expect(sent.filter((c) => c.body.autocommit === false)).toEqual([]);
    expect(sent.filter((c) => c.collection === 'wishes').map((c) => c.name)).toEqual(['find']);
    const again = await other.call('tasks', 'claim', { wishId: w.id }, key);
    expect(again.body).toEqual(refused.body);
    expect((await wishDoc(w.id))!.claims).toHaveLength(1);
  });

  test('six claims at once on a two-place wish take turns: two transactions, both committed, none conflicting; the other four refused from one read each', async () => {
    const now = new Date();
    await db.collection('users').insertMany(
      Array.from({ length: 6 }, (_, i) => ({
        _id: `u-turns-${i}`, devKey: `turns_${i}`, name: `志愿者${i}`, createdAt: now,
        memberships: [{ communityId: 'com-taoyuan', townId: 'town-huayuan', roles: ['volunteer'] }],
      })) as never[],
    );
    const helpers: Client[] = [];
    for (let i = 0; i < 6; i++) helpers.push(await server.login(`turns_${i}`));
    const resident = await server.login('resident');
    const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '搬两张床', helpersNeeded: 2 }));
    await (await server.login('secretary')).ok('dispatch', 'approve', { wishId: wish.id });
    // Fewer than the gateway's in-flight limit here (MAX_IN_FLIGHT): none is shed.
    const from = proxy.seen.length;
    const replies = await Promise.all(helpers.map((h) => h.call('tasks', 'claim', { wishId: wish.id }, rid('turns'))));
    const codes = replies.map((r) => (r.body.ok ? 'OK' : r.body.error.code)).sort();
    expect(codes).toEqual([...Array(4).fill('ALREADY_CLAIMED'), 'OK', 'OK']);
    const sent = proxy.seen.slice(from);
    expect(sent.filter((c) => c.body.startTransaction === true)).toHaveLength(2);
    expect(sent.filter((c) => c.name === 'commitTransaction')).toHaveLength(2);
    expect(sent.filter((c) => c.name === 'abortTransaction')).toHaveLength(0);
    expect((await wishDoc(wish.id))!.claims).toHaveLength(2);
  });

  test('six sign-ups at once for two places of an activity take turns too: two transactions, none conflicting; the other four told 名额已满 from one read each', async () => {
    const now = new Date();
    await db.collection('users').insertMany(
      Array.from({ length: 6 }, (_, i) => ({
        _id: `u-signup-${i}`, devKey: `signup_${i}`, name: `报名志愿者${i}`, createdAt: now,
        memberships: [{ communityId: 'com-taoyuan', townId: 'town-huayuan', roles: ['volunteer'] }],
      })) as never[],
    );
    const helpers: Client[] = [];
    for (let i = 0; i < 6; i++) helpers.push(await server.login(`signup_${i}`));
    const at = (h: number) => new Date(server.clock.now().getTime() + h * 3_600_000).toISOString();
    const { activity } = await (await server.login('secretary')).ok('activities', 'publish', {
      title: '社区义诊搬桌椅', category: 'other', description: '义诊前搬运桌椅。', place: '桃源社区广场', startAt: at(2), endAt: at(4), places: 2, organizer: '桃源社区',
    });
    const from = proxy.seen.length;
    const replies = await Promise.all(helpers.map((h) => h.call('activities', 'signUp', { activityId: activity.id }, rid('signup'))));
    const said = replies.map((r) => (r.body.ok ? 'OK' : `${r.body.error.code} ${r.body.error.message}`)).sort();
    expect(said).toEqual([...Array(4).fill('CONFLICT 名额已满'), 'OK', 'OK']);
    const sent = proxy.seen.slice(from);
    expect(sent.filter((c) => c.body.startTransaction === true)).toHaveLength(2);
    expect(sent.filter((c) => c.name === 'commitTransaction')).toHaveLength(2);
    expect(sent.filter((c) => c.name === 'abortTransaction')).toHaveLength(0);
    expect(await db.collection('activity_attendance').countDocuments({ activityId: activity.id })).toBe(2);
  });
});

describe('a database that stalls for seconds', () => {
  test('the gateway answers 503 UNAVAILABLE within its deadline, refuses what is over its in-flight limit at once, and recovers', async () => {
    const w = await wishAt('open', '陪老人聊天');
    const key = rid('stall');
    proxy.stall(5_000);
    const t = Date.now();
    const timed = async (p: Promise<Reply>) => {
      const r = await p;
      return { status: r.status, code: r.body.ok ? 'OK' : r.body.error.code, ms: Date.now() - t };
    };
    const calls = [
      timed(w.volunteer.call('tasks', 'claim', { wishId: w.id }, key)),
      ...Array.from({ length: 19 }, () => timed(w.volunteer.call('tasks', 'nearby', { lng: 113.9935, lat: 31.2525 }))),
      timed(request(`${server.url}/healthz`, { method: 'GET' })),
    ];
    const replies = await Promise.all(calls);
    for (const r of replies) {
      expect(r).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
      expect(r.ms).toBeLessThan(DEADLINE_MS + 1_000);
    }
    // Those over the limit were not queued behind the stall.
    const atOnce = replies.filter((r) => r.ms < DEADLINE_MS / 2);
    expect(atOnce.length).toBeGreaterThanOrEqual(replies.length - MAX_IN_FLIGHT);

    // Once it answers again, the claim the client retries happened once.
    const retry = await retried(() => w.volunteer.call('tasks', 'claim', { wishId: w.id }, key));
    expect(retry.data.wish).toMatchObject({ id: w.id, status: 'claimed' });
    expect(await stepsOf(w.id, 'claim')).toBe(1);
    expect((await request(`${server.url}/healthz`, { method: 'GET' })).status).toBe(200);
  });
});

describe('the outbox across a lost step between a wish write and its messages', () => {
  const messagesOf = (wishId: string) => db.collection('messages').find({ wishId }).toArray();

  test('with a requestId: the messages are in the write’s transaction; a network error there runs both again, once', async () => {
    const w = await wishAt('pending_review', '帮忙搬米');
    const hit = proxy.on(writesTo('messages'), 'cut');
    const reply = await w.secretary.call('dispatch', 'approve', { wishId: w.id }, rid('outbox'));
    await hit;
    expect(reply.data.wish.status).toBe('open');
    const approve = ((await wishDoc(w.id))!.events as { action: string; id: string }[]).filter((e) => e.action === 'approve');
    expect(approve).toHaveLength(1);
    const announced = (await messagesOf(w.id)).filter((m) => String(m._id).startsWith(approve[0].id));
    expect(announced.length).toBeGreaterThan(0);
    expect(new Set(announced.map((m) => m.dedupeKey)).size).toBe(announced.length);
  });

  test('without one: the process stops after the wish write; the timer finds the step unannounced and queues its messages once', async () => {
    const w = await wishAt('pending_review', '帮忙修门');
    // The approve's messages never reach the database: the request is as good as a process that died there.
    const hit = proxy.on(writesTo('messages'), 'hold');
    const lost = w.secretary.call('dispatch', 'approve', { wishId: w.id });
    await hit;
    expect((await lost).status).toBe(503);
    const wish = await wishDoc(w.id);
    expect(wish!.status).toBe('open');
    const approve = (wish!.events as { action: string; id: string }[]).find((e) => e.action === 'approve')!;
    const ofStep = async () => (await messagesOf(w.id)).filter((m) => String(m._id).startsWith(approve.id));
    expect(await ofStep()).toHaveLength(0);

    server.clock.advanceHours(2 / 60); // past the repair's grace for a step still announcing itself
    await server.tick();
    const repaired = await ofStep();
    expect(repaired.length).toBeGreaterThan(0);
    await server.tick();
    expect(await ofStep()).toHaveLength(repaired.length);
  });
});
