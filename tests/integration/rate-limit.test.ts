import { startServer, type RunningServer } from '../../server/main';
import { awayFromWindowEdge, startTestServer, type TestServer } from './harness';

/**
 * Rate limits counted in the database (issue 15): every gateway on one database enforces one budget;
 * and its key can't be dodged with junk tokens or a forged X-Forwarded-For (issue 11, M5).
 */
const LIMIT = 6;

const hit = (url: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/fn/stats`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ action: 'wall', data: {} }) }).then((r) => r.status);

describe('two gateways on one database', () => {
  let a: TestServer;
  let b: RunningServer;
  beforeAll(async () => {
    a = await startTestServer({ config: { rateLimitPerMinute: LIMIT } as never });
    b = await startServer({ port: 0, host: '127.0.0.1', mode: 'local', mongoUri: a.mongoUri, mongoDb: a.db.databaseName, seed: false, cronIntervalMs: 0, env: { NODE_ENV: 'test' }, config: { rateLimitPerMinute: LIMIT, tokenSecret: a.config.tokenSecret } });
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  test('count one budget between them: a person alternating gateways gets the limit, not twice it', async () => {
    const volunteer = await a.login('volunteer');
    const auth = { authorization: `Bearer ${volunteer.token}` };
    await awayFromWindowEdge();
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++) statuses.push(await hit(i % 2 ? b.url : a.url, auth));
    expect(statuses.slice(0, LIMIT).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(LIMIT)).toEqual([429, 429]);
    // Another person still has a budget of their own on either gateway.
    const resident = await a.login('resident');
    expect(await hit(b.url, { authorization: `Bearer ${resident.token}` })).toBe(200);
  });
});

describe('behind a trusted proxy (TRUST_PROXY=127.0.0.1, the proxy on this host)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ config: { rateLimitPerMinute: LIMIT, trustProxy: '127.0.0.1' } as never });
  });
  afterAll(() => server?.stop());

  test('a new forged X-Forwarded-For hop and a junk token per request all count against the address the proxy saw', async () => {
    await awayFromWindowEdge();
    const statuses: number[] = [];
    // The proxy appends the address it saw (203.0.113.7); what comes before it is the client's own writing.
    for (let i = 0; i < LIMIT + 3; i++) statuses.push(await hit(server.url, { authorization: `Bearer junk.token.${i}`, 'x-forwarded-for': `10.9.${i}.1, 203.0.113.7` }));
    expect(statuses.slice(LIMIT)).toEqual([429, 429, 429]);
    // A different client behind the same proxy is a different address.
    expect(await hit(server.url, { 'x-forwarded-for': '203.0.113.8' })).not.toBe(429);
  });

  test('a verified token is counted by its user, whichever address it comes from', async () => {
    const volunteer = await server.login('volunteer');
    await awayFromWindowEdge();
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 1; i++) statuses.push(await hit(server.url, { authorization: `Bearer ${volunteer.token}`, 'x-forwarded-for': `198.51.100.${i}` }));
    expect(statuses.slice(LIMIT)).toEqual([429]);
  });
});
