// testTimeout in a jest project entry is not applied to hooks here; seeding and starting take a few seconds.
jest.setTimeout(60_000);

import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { startServer, type RunningServer, type StartOptions } from '../../server/main';
import { startFakeWechat, type FakeWechat } from './fakeWechat';

/**
 * One server per test file on an ephemeral port, over the embedded database (or
 * MONGODB_URI when set, in a database of its own that is dropped afterwards).
 * The clock is movable so leases and escalations can be tested without waiting.
 */
export interface TestServer extends RunningServer {
  clock: { advanceHours(h: number): void; now(): Date };
  /**
   * A stored `/files/…` reference as a reply would hand it to `viewer` (signed, expiring: server/fileUrls.ts), for
   * suites about serving the bytes; suites about who is given a file read it from the replies themselves.
   */
  fileUrl(ref: string, viewer?: string): string;
  login(as: string): Promise<Client>;
  anonymous(): Client;
  /** A client for a token obtained some other way (WeChat login…). */
  withToken(token: string, user: unknown): Client;
}

/** A test server whose WeChat login (code2Session) answers from a fake WeChat on loopback. */
export interface WechatTestServer extends TestServer {
  /** The fake WeChat it talks to (what was checked, sent; make it fail). */
  wechat: FakeWechat;
  /** Someone opening the mini-program for the first time: signed in through wx.login, in no community yet. */
  newcomer(name: string): Promise<Client>;
}

export interface Reply<T = any> {
  status: number;
  body: { ok: true; data: T } | { ok: false; error: { code: string; message: string; details?: any } };
  /** The data of an ok reply; throws with the error otherwise (keeps happy-path tests short). */
  data: T;
}

export interface Client {
  token?: string;
  user: any;
  call<T = any>(fn: string, action: string, data?: unknown, requestId?: string): Promise<Reply<T>>;
  ok<T = any>(fn: string, action: string, data?: unknown): Promise<T>;
}

async function request(url: string, init: { method?: string; token?: string; body?: unknown; raw?: string; timeoutMs?: number }): Promise<Reply> {
  const res = await fetch(url, {
    ...(init.timeoutMs ? { signal: AbortSignal.timeout(init.timeoutMs) } : {}),
    method: init.method ?? 'POST',
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  });
  const body = (await res.json()) as Reply['body'];
  return {
    status: res.status,
    body,
    get data() {
      if (!body.ok) throw new Error(`expected ok, got ${res.status} ${JSON.stringify(body.error)}`);
      return body.data;
    },
  };
}

export async function startTestServer(opts: Partial<StartOptions> = {}): Promise<TestServer> {
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);
  const external = process.env.MONGODB_URI;
  const dbName = `xinyuan_test_${randomBytes(4).toString('hex')}`;
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    mode: 'local',
    dbPath: ':memory:',
    cronIntervalMs: 0,
    seed: true,
    // The demo's rosters would make nearby news depend on the hour the suite runs at.
    seedDutyRosters: false,
    now,
    ...(external ? { mongoUri: external, mongoDb: dbName } : { mongoUri: '' }),
    ...opts,
    env: { ...process.env, NODE_ENV: 'test', ...(opts.env ?? {}) },
  });
  const clients = clientsAt(server.url);
  return {
    ...server,
    async stop() {
      await server.stop();
      if (external) {
        const client = await MongoClient.connect(external);
        await client.db(dbName).dropDatabase();
        await client.close();
      }
    },
    clock: { advanceHours: (h) => void (offsetMs += h * 3_600_000), now },
    fileUrl: (ref, viewer = '-') => server.runtime.media!.sign(ref, viewer, server.runtime.now()),
    ...clients,
  };
}

/** Clients of a gateway at `url` (one this process started or another process serves), signed in as the demo's people. */
export function clientsAt(url: string): Pick<TestServer, 'login' | 'anonymous' | 'withToken'> {
  const makeClient = (token?: string, user?: unknown): Client => ({
    token,
    user,
    call: (fn, action, data, requestId) => request(`${url}/api/fn/${fn}`, { token, body: { action, data: data ?? {}, ...(requestId ? { requestId } : {}) } }),
    async ok(fn, action, data) {
      return (await this.call(fn, action, data)).data;
    },
  });
  return {
    async login(as) {
      const { data } = await request(`${url}/api/auth/dev-login`, { body: { as } });
      return makeClient(data.token, data.user);
    },
    anonymous: () => makeClient(),
    withToken: makeClient,
  };
}

export { request };

/** Rate limits count in fixed one-minute windows: keep a burst of calls inside one. */
export async function awayFromWindowEdge(): Promise<void> {
  const into = Date.now() % 60_000;
  if (into > 50_000) await new Promise((r) => setTimeout(r, 60_500 - into));
}

/** A test server whose residents may post 50 wishes a day: tests that post many aren't stopped by the daily limit. */
export async function startRoomyTestServer(opts: Partial<StartOptions> = {}): Promise<TestServer> {
  const server = await startTestServer(opts);
  await (await server.login('secretary')).ok('org', 'updateSettings', { settings: { postsPerDay: 50 } });
  return server;
}

/** The people a staff screen's suite plays: a roomy demo server, its secretary, grid worker and town, a resident and a volunteer. */
export async function staffScene(): Promise<{ server: TestServer; secretary: Client; gridWorker: Client; town: Client; resident: Client; volunteer: Client }> {
  const server = await startRoomyTestServer();
  const [secretary, gridWorker, town, resident, volunteer] = await Promise.all(
    ['secretary', 'grid_worker', 'town_admin', 'resident', 'volunteer'].map((who) => server.login(who)),
  );
  return { server, secretary, gridWorker, town, resident, volunteer };
}

export async function startWechatTestServer(): Promise<WechatTestServer> {
  const wechat = await startFakeWechat('wx-app', 'wx-secret');
  const server = await startTestServer({
    env: { TOKEN_SECRET: 'k'.repeat(48), WECHAT_APPID: 'wx-app', WECHAT_SECRET: 'wx-secret', WECHAT_API_BASE: wechat.url },
  });
  return {
    ...server,
    wechat,
    async newcomer(name) {
      const { data } = await request(`${server.url}/api/auth/login`, { body: { code: `good-${name}` } });
      return server.withToken(data.token, data.user);
    },
    async stop() {
      await server.stop();
      await wechat.stop();
    },
  };
}

export const TAOYUAN = { lng: 113.9935, lat: 31.2525 };

/** A wish as a resident would post it near G5栋. */
export function wishInput(over: Record<string, unknown> = {}) {
  return {
    category: 'repair',
    title: '阳台晾衣架坏了',
    description: '阳台的升降晾衣架卡住了，需要有人帮忙修理。',
    location: { type: 'Point', coordinates: [113.9951, 31.2527] },
    address: '桃源小区G5栋2单元301室',
    buildingId: 'bld-g5',
    contactPhone: '13807120001',
    ...over,
  };
}
