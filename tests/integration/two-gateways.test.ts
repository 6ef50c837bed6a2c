import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../server/db/embeddedMongo';
import { awayFromWindowEdge, request, wishInput, type Client } from './harness';
import { readMetrics, value } from './metrics';
import { spawnGateway, urlOf, type GatewayProcess } from './processes';

/**
 * Two gateway processes on one database (issue 15): the loop walked alternating between them, a photo
 * taken in by one served by the other, one rate limit for both, a role change seen by the other within
 * the stated 3 s (the person's old sign-in ended there too), and the timer's work done by one process at a time.
 */
const PER_MINUTE = 150;
const CRON_MS = 250;
/**
 * How stale another process's view of a person may be: the user cache's TTL (cloudfunctions/_core/access/caller.ts)
 * for roles, and the sign-in cache's (SIGN_IN_CACHE_MS, cloudfunctions/_core/access/sessions.ts) for a revoked sign-in.
 */
const STALENESS_MS = 3_000;

let db: EmbeddedMongo;
let a: GatewayProcess;
let b: GatewayProcess;
const url: Record<'a' | 'b', string> = { a: '', b: '' };
const dbName = `two_gateways_${randomBytes(3).toString('hex')}`;

beforeAll(async () => {
  db = await startEmbeddedMongo({ port: 0 });
  const env = { MONGODB_URI: db.uri, MONGODB_DB: dbName, TOKEN_SECRET: randomBytes(24).toString('hex'), CRON_INTERVAL_MS: String(CRON_MS), RATE_LIMIT_PER_MINUTE: String(PER_MINUTE), LOG_REQUESTS: '0' };
  a = spawnGateway(env);
  url.a = await urlOf(a); // seeded before it listens
  b = spawnGateway({ ...env, XINYUAN_SEED: '0' });
  url.b = await urlOf(b);
}, 120_000);
afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await db?.stop();
});

/** One person with a client per gateway. */
async function person(as: string): Promise<Record<'a' | 'b', Client>> {
  const { data } = await request(`${url.a}/api/auth/dev-login`, { body: { as } });
  const client = (base: string): Client => ({
    token: data.token,
    user: data.user,
    call: (fn, action, body, requestId) => request(`${base}/api/fn/${fn}`, { token: data.token, body: { action, data: body ?? {}, ...(requestId ? { requestId } : {}) } }),
    async ok(fn, action, body) {
      return (await this.call(fn, action, body)).data;
    },
  });
  return { a: client(url.a), b: client(url.b) };
}

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

test('the loop, alternating gateways: a photo uploaded through one is served by the other', async () => {
  const [resident, secretary, volunteer] = [await person('resident'), await person('secretary'), await person('volunteer')];
  const { wish } = await resident.a.ok('wishes', 'create', wishInput({ title: '两台网关之间走一遍' }));
  await secretary.b.ok('dispatch', 'approve', { wishId: wish.id });
  await volunteer.a.ok('tasks', 'claim', { wishId: wish.id });
  await volunteer.b.ok('tasks', 'start', { wishId: wish.id });

  const photo = Buffer.concat([PNG, randomBytes(2000)]);
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(photo)]), 'p.png');
  const up = await fetch(`${url.a}/api/upload`, { method: 'POST', body: form, headers: { authorization: `Bearer ${volunteer.a.token}` } });
  const photoUrl: string = ((await up.json()) as { data: { url: string } }).data.url;
  await volunteer.b.ok('tasks', 'complete', { wishId: wish.id, note: '已修好', photos: [photoUrl] });
  await resident.a.ok('wishes', 'confirm', { wishId: wish.id });
  const detail = await resident.b.ok('wishes', 'detail', { wishId: wish.id });
  expect(detail.wish.status).toBe('confirmed');

  const served = await fetch(`${url.b}${detail.wish.completion.photos[0]}`);
  expect(served.status).toBe(200);
  expect(Buffer.from(await served.arrayBuffer()).equals(photo)).toBe(true);
  // A URL one gateway signed is honoured by the other (the key is the cluster's, derived from its token secret).
  const part = await fetch(`${url.b}${(await resident.a.ok('wishes', 'detail', { wishId: wish.id })).wish.completion.photos[0]}`, { headers: { range: 'bytes=10-99' } });
  expect(part.status).toBe(206);
  expect(Buffer.from(await part.arrayBuffer()).equals(photo.subarray(10, 100))).toBe(true);
});

test('one rate limit for both: a person alternating gateways gets the limit once', async () => {
  const volunteer2 = await person('volunteer2');
  await awayFromWindowEdge();
  const statuses: number[] = [];
  for (let i = 0; i < PER_MINUTE + 2; i++) statuses.push((await (i % 2 ? volunteer2.b : volunteer2.a).call('stats', 'wall')).status);
  expect(statuses.filter((s) => s === 200)).toHaveLength(PER_MINUTE);
  expect(statuses.slice(PER_MINUTE)).toEqual([429, 429]);
});

test(`a role granted through one gateway ends the person's sign-in on the other within ${STALENESS_MS / 1000} s; signed in again, the role is honoured`, async () => {
  const [secretary, resident2] = [await person('secretary'), await person('resident2')];
  const nearby = (who: Record<'a' | 'b', Client>) => who.b.call('tasks', 'nearby', { lng: 113.9935, lat: 31.2525 });
  expect((await nearby(resident2)).status).toBe(403); // and now B has her sign-in and her roles cached
  await secretary.a.ok('org', 'roles', { userId: resident2.a.user.id, roles: ['resident', 'volunteer'] });
  const granted = Date.now();
  const within = async (who: Record<'a' | 'b', Client>, done: (r: Awaited<ReturnType<typeof nearby>>) => boolean) => {
    let r = await nearby(who);
    while (!done(r) && Date.now() - granted < STALENESS_MS + 1_000) {
      await new Promise((res) => setTimeout(res, 100));
      r = await nearby(who);
    }
    return r;
  };
  const refused = await within(resident2, (r) => r.status === 401);
  expect(refused.body).toMatchObject({ ok: false, error: { code: 'TOKEN_REVOKED' } });
  expect(Date.now() - granted).toBeLessThanOrEqual(STALENESS_MS + 500);
  expect((await within(await person('resident2'), (r) => r.status === 200)).status).toBe(200);
  expect(Date.now() - granted).toBeLessThanOrEqual(STALENESS_MS + 500);
});

test('the timer runs in one process at a time; when its holder stops, the other takes over', async () => {
  const okRuns = async (base: string) => value(await readMetrics(base), 'xinyuan_timer_runs_total', { timer: 'cron', outcome: 'ok' });
  await new Promise((r) => setTimeout(r, CRON_MS * 8));
  const [ranA, ranB] = [await okRuns(url.a), await okRuns(url.b)];
  expect(ranA + ranB).toBeGreaterThanOrEqual(4);
  // One of them holds the lease; the other only skipped.
  expect([ranA, ranB].filter((n) => n > 0)).toHaveLength(1);
  const [holder, other] = ranA > 0 ? [a, url.b] : [b, url.a];
  // Both report the cluster's timer lag (from the lease document), not their own.
  expect(value(await readMetrics(other), 'xinyuan_timer_lag_seconds')).toBeGreaterThanOrEqual(0);

  const before = await okRuns(other);
  await holder.stop();
  await new Promise((r) => setTimeout(r, CRON_MS * 6));
  expect(await okRuns(other)).toBeGreaterThan(before);
  const client = await MongoClient.connect(db.uri);
  try {
    const lease = await client.db(dbName).collection('leases').findOne({ _id: 'cron' as never });
    expect(lease).toMatchObject({ holder: expect.stringContaining(`:${(other === url.a ? a : b).child.pid}:`) });
  } finally {
    await client.close();
  }
});
