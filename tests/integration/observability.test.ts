import { startTestServer, wishInput, type TestServer } from './harness';
import { histogramCount, readMetrics, value } from './metrics';

let server: TestServer;
const lines: string[] = [];

beforeAll(async () => {
  server = await startTestServer({ log: (line) => lines.push(line) });
});
afterAll(() => server?.stop());

const logged = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

describe('one JSON log line per request', () => {
  test('names function, action, status, ms and request id; carries nothing personal', async () => {
    const resident = await server.login('resident');
    lines.length = 0;
    const created = await resident.call('wishes', 'create', wishInput({ title: '日志里不该出现的标题' }), 'log-test-request-1');
    expect(created.status).toBe(200);
    const refused = await resident.call('dispatch', 'approve', { wishId: created.data.wish.id });
    expect(refused.status).toBe(403);
    const res = await fetch(`${server.url}/api/fn/wishes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'proxy-given-id-0001' },
      body: JSON.stringify({ action: 'mine', data: {} }),
    });
    expect(res.headers.get('x-request-id')).toBe('proxy-given-id-0001');

    const entries = logged();
    expect(entries).toHaveLength(3);
    expect(entries[0]).toMatchObject({ msg: 'request', function: 'wishes', action: 'create', status: 200, clientRequestId: 'log-test-request-1', method: 'POST', route: '/api/fn/:name' });
    expect(entries[0].requestId).toEqual(expect.stringMatching(/^[\w-]{8,}$/));
    expect(typeof entries[0].ms).toBe('number');
    expect(entries[1]).toMatchObject({ function: 'dispatch', action: 'approve', status: 403, code: 'FORBIDDEN' });
    expect(entries[2]).toMatchObject({ requestId: 'proxy-given-id-0001', status: 401, code: 'UNAUTHENTICATED' });
    // No token, user id, name, title, phone or address in any line.
    const text = lines.join('\n');
    for (const secret of [resident.token!, resident.user.id, resident.user.name, '日志里不该出现的标题', '13807120001', '桃源小区G5栋', '127.0.0.1']) expect(text).not.toContain(secret);
  });

  test('a client cannot grow the label set: unknown functions and actions are "unknown"', async () => {
    lines.length = 0;
    await server.anonymous().call('nosuchfn', 'x');
    await server.anonymous().call('wishes', 'x'.repeat(30));
    expect(logged().map((e) => [e.function, e.action])).toEqual([['unknown', '-'], ['wishes', 'unknown']]);
  });
});

describe('/metrics', () => {
  test('parses as Prometheus text with request counts and latency per action, db pool, outbox backlog and timer lag', async () => {
    const volunteer = await server.login('volunteer');
    for (let i = 0; i < 3; i++) await volunteer.ok('tasks', 'nearby', { lng: 113.9935, lat: 31.2525 });
    const m = await readMetrics(server.url);

    expect(value(m, 'xinyuan_requests_total', { function: 'tasks', action: 'nearby', status: '200' })).toBeGreaterThanOrEqual(3);
    const latency = m.find((f) => f.name === 'xinyuan_request_duration_seconds')!;
    expect(latency.type).toBe('HISTOGRAM');
    expect(Number(latency.metrics[0].buckets!['+Inf'])).toBeGreaterThanOrEqual(3);
    expect(histogramCount(m, 'xinyuan_request_duration_seconds', { function: 'tasks', action: 'nearby' })).toBeGreaterThanOrEqual(3);

    expect(value(m, 'xinyuan_db_pool_connections')).toBeGreaterThan(0);
    expect(value(m, 'xinyuan_db_pool_in_use')).toBeGreaterThanOrEqual(0);
    // The seed leaves notifications to send and the timer is off in tests: a backlog, and no tick yet.
    const backlog = value(m, 'xinyuan_outbox_backlog');
    expect(backlog).toBeGreaterThan(0);
    expect(value(m, 'xinyuan_timer_lag_seconds')).toBe(-1);
    expect(value(m, 'process_cpu_seconds_total')).toBeGreaterThan(0);

    await server.tick();
    expect(value(await readMetrics(server.url), 'xinyuan_outbox_backlog')).toBeLessThan(backlog);
  });
});
