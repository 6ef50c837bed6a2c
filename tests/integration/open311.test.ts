/**
 * Open311 GeoReport v2 (issue 12 item 9, docs/open311.md): civic-tech clients and dashboards read the community's
 * requests at /open311/v2, and a client holding a key the secretary issued posts one. What anyone may read is what
 * the signed-out 心愿墙 may show: never a sensitive category or a wish waiting for review, never a name or a phone.
 */
import { Open311StateMap, WishStates, isSensitiveCategory, statusNotesOf, wgs84ToGcj02, type WishState } from '@shared';
import { startServer, type RunningServer } from '../../server/main';
import { awayFromWindowEdge, startTestServer, type Client, type TestServer } from './harness';

let server: TestServer;
let secretary: Client;
const TAOYUAN = 'com-taoyuan';
const base = () => `${server.url}/open311/v2`;

beforeAll(async () => {
  server = await startTestServer();
  secretary = await server.login('secretary');
});
afterAll(() => server?.stop());

interface Answer {
  status: number;
  text: string;
  body: any;
}

async function get(path: string): Promise<Answer> {
  const res = await fetch(`${base()}${path}`);
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) };
}

async function post(form: Record<string, string>, as: 'form' | 'json' = 'form'): Promise<Answer> {
  const res = await fetch(`${base()}/requests.json`, {
    method: 'POST',
    headers: { 'content-type': as === 'form' ? 'application/x-www-form-urlencoded; charset=utf-8' : 'application/json' },
    body: as === 'form' ? new URLSearchParams(form).toString() : JSON.stringify(form),
  });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) };
}

/** GeoReport's error reply: a list of {code, description}, the code being the HTTP status. */
function expectSpecError(answer: Answer, status: number, description?: RegExp) {
  expect(answer.status).toBe(status);
  expect(answer.body).toEqual([{ code: status, description: expect.any(String) }]);
  if (description) expect(answer.body[0].description).toMatch(description);
}

const wishes = () => server.db.collection<{ _id: string; number: string; status: WishState; category: string; communityId: string; title: string }>('wishes');

async function everyRequest(query = ''): Promise<Answer> {
  return get(`/requests.json?jurisdiction_id=${TAOYUAN}${query}`);
}

describe('discovery and services', () => {
  test('discovery names GeoReport v2 at this endpoint, JSON only', async () => {
    const { status, body } = await get('/discovery.json');
    expect(status).toBe(200);
    expect(body.endpoints).toEqual([
      { specification: 'http://wiki.open311.org/GeoReport_v2', url: `${base()}`, changeset: expect.any(String), type: 'production', formats: ['application/json'] },
    ]);
    expect(body.key_service).toMatch(/社区书记/);
  });

  test('every category is a service: its id the code, its Chinese label the name, realtime, no attributes', async () => {
    const { status, body } = await get(`/services.json?jurisdiction_id=${TAOYUAN}`);
    expect(status).toBe(200);
    expect(body.map((s: any) => s.service_code)).toEqual(['daily_help', 'medical_trip', 'health', 'legal_aid', 'mediation', 'repair', 'companionship', 'material', 'policy', 'other']);
    expect(body.find((s: any) => s.service_code === 'repair')).toEqual({
      service_code: 'repair', service_name: '维修', description: expect.any(String), metadata: false, type: 'realtime', keywords: expect.stringContaining('维修'), group: '生活服务',
    });
    // A sensitive service may be filed, and says it is never listed publicly.
    expect(body.find((s: any) => s.service_code === 'legal_aid').description).toMatch(/不会出现在公开的请求列表中/);
  });

  test('an .xml resource or a service definition is a 404 in the spec shape', async () => {
    expectSpecError(await get(`/services.xml?jurisdiction_id=${TAOYUAN}`), 404, /JSON/);
    expectSpecError(await get(`/services/repair.json?jurisdiction_id=${TAOYUAN}`), 404);
  });
});

describe('jurisdiction_id is the community, and required: one endpoint serves them all', () => {
  test.each(['/services.json', '/requests.json', '/requests/abc.json'])('%s without it is 400, with an unknown one 404', async (path) => {
    expectSpecError(await get(path), 400, /jurisdiction_id/);
    expectSpecError(await get(`${path}?jurisdiction_id=com-nowhere`), 404, /社区不存在/);
  });

  test('each community answers with its own requests only', async () => {
    const taoyuan = (await everyRequest()).body;
    const shizishan = (await get('/requests.json?jurisdiction_id=com-shizishan')).body;
    expect(taoyuan.length).toBeGreaterThan(0);
    expect(shizishan.length).toBeGreaterThan(0);
    expect(new Set(taoyuan.map((r: any) => r.agency_responsible))).toEqual(new Set(['桃源社区']));
    expect(new Set(shizishan.map((r: any) => r.agency_responsible))).toEqual(new Set(['狮子山社区']));
    const ids = new Set(taoyuan.map((r: any) => r.service_request_id));
    expect(shizishan.some((r: any) => ids.has(r.service_request_id))).toBe(false);
  });
});

describe('what anyone may read: what the signed-out wall may show', () => {
  test('never a sensitive category, never a wish waiting for review, rejected or cancelled', async () => {
    const { body } = await everyRequest();
    const listed = new Set<string>(body.map((r: any) => r.service_request_id));
    const all = await wishes().find({ communityId: TAOYUAN }).toArray();
    const hidden = all.filter((w) => isSensitiveCategory(w.category as never) || ['pending_review', 'rejected', 'cancelled'].includes(w.status));
    // The seed has them, so this is no empty check.
    expect(hidden.some((w) => isSensitiveCategory(w.category as never) && ['open', 'claimed', 'done', 'confirmed'].includes(w.status))).toBe(true);
    expect(hidden.some((w) => w.status === 'pending_review')).toBe(true);
    for (const w of hidden) {
      expect(listed.has(w.number)).toBe(false);
      expectSpecError(await get(`/requests/${w.number}.json?jurisdiction_id=${TAOYUAN}`), 404);
      expectSpecError(await get(`/requests/${w._id}.json?jurisdiction_id=${TAOYUAN}`), 404);
    }
    // Asked for by id, they are not there either (the id list overrides the other filters, not the privacy).
    const byId = await everyRequest(`&service_request_id=${hidden.flatMap((w) => [w._id, w.number]).join(',')}`);
    expect(byId.body).toEqual([]);
  });

  test('no name or phone of anyone the database knows appears anywhere in the reply, and positions are coarse', async () => {
    const answers = [await everyRequest(), await get('/requests.json?jurisdiction_id=com-shizishan'), await everyRequest('&status=closed')];
    const users = await server.db.collection<{ name: string; phone?: string }>('users').find({}).toArray();
    const stored = await server.db.collection<any>('wishes').find({}).toArray();
    const secrets = new Set<string>([
      ...users.flatMap((u) => [u.name, u.phone ?? '']),
      ...stored.flatMap((w) => [w.ownerName ?? '', w.beneficiary?.name ?? '', w.beneficiary?.phone ?? '', w.contactPhone ?? '', w.description]),
    ].filter((s) => s.length >= 2));
    expect(secrets.size).toBeGreaterThan(20);
    for (const { body, text } of answers) {
      expect(body.length).toBeGreaterThan(0);
      for (const secret of secrets) expect([secret, text.includes(secret)]).toEqual([secret, false]);
      // No door: the address keeps the compound only; no phone-like digits at all.
      expect(text).not.toMatch(/1[3-9]\d{9}|\d+栋|\d+室|单元/);
      for (const r of body) {
        expect(Object.keys(r).sort()).toEqual(
          ['service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'requested_datetime', 'updated_datetime', 'lat', 'long', ...(r.expected_datetime ? ['expected_datetime'] : []), ...(r.address !== undefined ? ['address'] : [])].sort(),
        );
      }
    }
    // Each position is the policy's ~100 m cell (0.001° in GCJ-02), given in WGS-84: back in GCJ-02 it sits on the grid.
    for (const r of answers[0].body) {
      const [lng, lat] = wgs84ToGcj02(r.long, r.lat);
      expect(Math.abs(lng * 1000 - Math.round(lng * 1000))).toBeLessThan(0.01);
      expect(Math.abs(lat * 1000 - Math.round(lat * 1000))).toBeLessThan(0.01);
    }
  });
});

describe('every state maps to open or closed with Chinese notes (generated from the state enum)', () => {
  test.each([...WishStates])('%s', async (state) => {
    const mapped = Open311StateMap[state];
    expect(['open', 'closed']).toContain(mapped?.status);
    expect(statusNotesOf(state)).toMatch(/^[\u4e00-\u9fa5].*：.+/);
    const seeded = await wishes().findOne({ communityId: TAOYUAN, status: state, category: { $in: ['repair', 'daily_help', 'companionship', 'material', 'policy', 'other'] } });
    if (!seeded) return;
    const one = await get(`/requests/${seeded._id}.json?jurisdiction_id=${TAOYUAN}`);
    if (['pending_review', 'rejected', 'cancelled'].includes(state)) {
      expectSpecError(one, 404);
      return;
    }
    expect(one.status).toBe(200);
    expect(one.body).toEqual([expect.objectContaining({ service_request_id: seeded.number, status: mapped.status, status_notes: statusNotesOf(state), description: seeded.title })]);
    // The 心愿编号 is the request's id; the stored id finds it too.
    expect((await get(`/requests/${seeded._id}.json?jurisdiction_id=${TAOYUAN}`)).body).toEqual(one.body);
  });

  test('the seed reaches every public state, so the table above is exercised', async () => {
    const states = new Set((await wishes().find({ communityId: TAOYUAN }).toArray()).map((w) => w.status));
    for (const s of ['open', 'claimed', 'in_progress', 'done', 'confirmed'] as const) expect(states.has(s)).toBe(true);
  });
});

describe('filters, the date window and paging', () => {
  test('service_code and status narrow the list; closed requests carry when they closed', async () => {
    const repairs = (await everyRequest('&service_code=repair')).body;
    expect(repairs.length).toBeGreaterThan(0);
    expect(new Set(repairs.map((r: any) => r.service_code))).toEqual(new Set(['repair']));
    const closed = (await everyRequest('&status=closed')).body;
    const open = (await everyRequest('&status=open')).body;
    const all = (await everyRequest('&status=open,closed')).body;
    expect(closed.every((r: any) => r.status === 'closed')).toBe(true);
    expect(open.every((r: any) => r.status === 'open')).toBe(true);
    expect(closed.length + open.length).toBe(all.length);
    expect((await everyRequest()).body).toEqual(all);
    // A sensitive code asked for by name is still not listed.
    expect((await everyRequest('&service_code=legal_aid,mediation,health,medical_trip')).body).toEqual([]);
    // Newest first.
    const times = all.map((r: any) => Date.parse(r.requested_datetime));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // An empty parameter is no parameter (GeoReport's "Optional Arguments").
    expect((await everyRequest('&status=&service_code=')).body).toEqual(all);
  });

  test('service_request_id overrides every other filter', async () => {
    const all = (await everyRequest()).body;
    const pick = [all[0], all[all.length - 1]];
    const status = pick[0].status === 'open' ? 'closed' : 'open';
    const got = (await everyRequest(`&service_request_id=${pick.map((r: any) => r.service_request_id).join(',')}&status=${status}&service_code=other`)).body;
    expect(got.map((r: any) => r.service_request_id).sort()).toEqual(pick.map((r: any) => r.service_request_id).sort());
  });

  test('the last 90 days by default; a window of at most 90 days; a bad date or window is a 400 naming it', async () => {
    const all = (await everyRequest()).body;
    const newest = Date.parse(all[0].requested_datetime);
    const oldest = Date.parse(all[all.length - 1].requested_datetime);
    const w3c = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    // Only the newest: a window that starts at it.
    const since = (await everyRequest(`&start_date=${w3c(newest)}`)).body;
    expect(since.map((r: any) => r.service_request_id)).toContain(all[0].service_request_id);
    expect(since.every((r: any) => Date.parse(r.requested_datetime) >= newest)).toBe(true);
    // Up to the oldest: a window that ends at it (and so reaches 90 days before).
    const until = (await everyRequest(`&end_date=${w3c(oldest)}`)).body;
    expect(until.every((r: any) => Date.parse(r.requested_datetime) <= oldest)).toBe(true);
    expect(until.map((r: any) => r.service_request_id)).toContain(all[all.length - 1].service_request_id);
    expectSpecError(await everyRequest('&start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z'), 400, /90 天/);
    expectSpecError(await everyRequest('&start_date=2026-06-01T00:00:00Z&end_date=2026-05-01T00:00:00Z'), 400, /end_date/);
    expectSpecError(await everyRequest('&start_date=yesterday'), 400, /start_date/);
    expectSpecError(await everyRequest('&status=pending'), 400, /status/);
    expectSpecError(await everyRequest('&service_code=potholes'), 400, /service_code/);
    expectSpecError(await everyRequest('&page_size=1001'), 400, /page_size/);
    // 100 days on, nothing the seed posted is in the default window any more.
    server.clock.advanceHours(100 * 24);
    try {
      expect((await everyRequest()).body).toEqual([]);
    } finally {
      server.clock.advanceHours(-100 * 24);
    }
  });

  test('page and page_size walk the list without gaps or repeats', async () => {
    const all = (await everyRequest()).body.map((r: any) => r.service_request_id);
    expect(all.length).toBeGreaterThan(3);
    const walked: string[] = [];
    for (let page = 1; page <= Math.ceil(all.length / 3) + 1; page++) walked.push(...(await everyRequest(`&page=${page}&page_size=3`)).body.map((r: any) => r.service_request_id));
    expect(walked).toEqual(all);
  });
});

describe('posting a request with a key the secretary issued', () => {
  const form = (apiKey: string, over: Record<string, string> = {}) => ({
    api_key: apiKey, jurisdiction_id: TAOYUAN, service_code: 'repair', lat: '31.2551', long: '113.9889',
    description: '小区北门的路灯坏了，晚上很黑。请帮忙看看。', first_name: '秀兰', last_name: '王', phone: '13900007777', email: 'wang@example.cn', ...over,
  });
  const count = () => wishes().countDocuments({});

  test('the key is shown once, kept only as a hash, listed by its first characters; a retry gets no key', async () => {
    const reply = await secretary.call('open311', 'issueKey', { label: '县政务数据平台' }, 'issue-key-once-1');
    expect(reply.status).toBe(200);
    const { key, secret } = reply.data;
    expect(secret).toMatch(/^xy311_[A-Za-z0-9_-]{43}$/);
    expect(key).toMatchObject({ label: '县政务数据平台', prefix: secret.slice(0, 10), createdByName: expect.any(String) });
    const stored = await server.db.collection('open311_keys').findOne({ _id: key.id });
    expect(JSON.stringify(stored)).not.toContain(secret.slice(10));
    const again = await secretary.call('open311', 'issueKey', { label: '县政务数据平台' }, 'issue-key-once-1');
    expect(again.data).toEqual({ key });
    expect(JSON.stringify(await server.db.collection('requests').find({}).toArray())).not.toContain(secret.slice(10));
    const { keys } = await secretary.ok('open311', 'keys', {});
    expect(keys.find((k: any) => k.id === key.id)).toEqual(key);
    expect(JSON.stringify(keys)).not.toContain(secret.slice(10));
  });

  test('only the secretary manages keys', async () => {
    for (const who of ['grid_worker', 'resident', 'volunteer']) {
      const client = await server.login(who);
      expect((await client.call('open311', 'issueKey', { label: '试试' })).status).toBe(403);
      expect((await client.call('open311', 'keys', {})).status).toBe(403);
    }
  });

  test('a valid key files a proxy wish that waits in the secretary\'s review queue, not in the public list', async () => {
    const { secret, key } = await secretary.ok('open311', 'issueKey', { label: '12345 热线对接' });
    const before = await count();
    const answer = await post(form(secret));
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual([{ service_request_id: expect.any(String), service_notice: expect.stringContaining('审核') }]);
    const id = answer.body[0].service_request_id;
    expect(id).toMatch(/^[A-Z]{2,4}-\d{4}-\d{4,}$/);
    expect(await count()).toBe(before + 1);
    const stored = await server.db.collection<any>('wishes').findOne({ number: id });
    expect(stored).toMatchObject({
      status: 'pending_review', channel: 'open311', category: 'repair', communityId: TAOYUAN, title: '小区北门的路灯坏了，晚上很黑',
      beneficiary: { name: '王秀兰', phone: '13900007777' }, contactPhone: '13900007777', createdBy: (await secretary.ok('org', 'me', {})).user.id,
    });
    expect(stored.description).toContain('wang@example.cn');
    // The position arrives in WGS-84 and is kept in GCJ-02, as every point we store.
    expect(stored.location.coordinates).toEqual(wgs84ToGcj02(113.9889, 31.2551));
    const queue = await secretary.ok('dispatch', 'queue', {});
    expect(queue.items.map((w: any) => w.id)).toContain(stored._id);
    expectSpecError(await get(`/requests/${id}.json?jurisdiction_id=${TAOYUAN}`), 404);
    // Approved, it is public like any other, without the names and phone it came with.
    await secretary.ok('dispatch', 'approve', { wishId: stored._id });
    const published = await get(`/requests/${id}.json?jurisdiction_id=${TAOYUAN}`);
    expect(published.body).toEqual([expect.objectContaining({ service_request_id: id, status: 'open', description: '小区北门的路灯坏了，晚上很黑' })]);
    expect(published.text).not.toMatch(/王|13900007777|wang@/);
    const { keys } = await secretary.ok('open311', 'keys', {});
    expect(keys.find((k: any) => k.id === key.id).lastUsedAt).toBeDefined();
  });

  test('an address alone stands at the community for the reviewer to place; JSON bodies are taken too', async () => {
    const { secret } = await secretary.ok('open311', 'issueKey', { label: '街道网格平台' });
    const { lat: _lat, long: _long, ...rest } = form(secret, { address_string: '桃源小区北门' });
    const answer = await post(rest, 'json');
    expect(answer.status).toBe(201);
    const stored = await server.db.collection<any>('wishes').findOne({ number: answer.body[0].service_request_id });
    expect(stored).toMatchObject({ address: '桃源小区北门', location: { coordinates: [113.9935, 31.2525] } });
  });

  test('no key is 401, an unknown, revoked or other community\'s key 403, and nothing is written', async () => {
    const { secret, key } = await secretary.ok('open311', 'issueKey', { label: '将被停用' });
    const other = await (await server.login('secretary2')).ok('open311', 'issueKey', { label: '狮子山的' });
    const before = await count();
    const { api_key: _none, ...keyless } = form(secret);
    expectSpecError(await post(keyless), 401, /api_key/);
    expectSpecError(await post(form(`xy311_${'A'.repeat(43)}`)), 403, /api_key 无效/);
    expectSpecError(await post(form(other.secret)), 403, /不属于该社区/);
    const revoked = await secretary.ok('open311', 'revokeKey', { keyId: key.id });
    expect(revoked.key.revokedAt).toBeDefined();
    expectSpecError(await post(form(secret)), 403, /停用/);
    expect(await count()).toBe(before);
    expect((await secretary.call('open311', 'revokeKey', { keyId: other.key.id })).status).toBe(404);
  });

  test('bad input is a 400 (an unknown service 404) in the spec shape, naming the field, and nothing is written', async () => {
    const { secret } = await secretary.ok('open311', 'issueKey', { label: '测试表单' });
    const before = await count();
    const { service_code: _code, ...noCode } = form(secret);
    const { lat: _lat, long: _long, ...nowhere } = form(secret);
    const { jurisdiction_id: _j, ...noJurisdiction } = form(secret);
    const cases: [Record<string, string>, number, RegExp][] = [
      [noCode, 400, /service_code/],
      [form(secret, { service_code: 'potholes' }), 404, /potholes/],
      [noJurisdiction, 400, /jurisdiction_id/],
      [nowhere, 400, /lat\/long 或 address_string/],
      [form(secret, { long: '' }), 400, /lat 与 long/],
      [form(secret, { lat: 'north' }), 400, /lat/],
      [form(secret, { lat: '91' }), 400, /lat/],
      [form(secret, { phone: '12345' }), 400, /phone/],
      [form(secret, { email: 'not-an-email' }), 400, /email/],
      [form(secret, { description: '' }), 400, /description/],
      [form(secret, { description: '路灯'.repeat(300) }), 400, /description/],
      [form(secret, { description: '灯'.repeat(490) }), 400, /邮箱/],
    ];
    for (const [body, status, description] of cases) expectSpecError(await post(body), status, description);
    expect(await count()).toBe(before);
  });
});

describe('posts are rate-limited like every other call of the gateway', () => {
  const LIMIT = 4;
  let limited: RunningServer;
  beforeAll(async () => {
    limited = await startServer({ port: 0, host: '127.0.0.1', mode: 'local', dbPath: ':memory:', mongoUri: '', seed: false, cronIntervalMs: 0, env: { NODE_ENV: 'test' }, config: { rateLimitPerMinute: LIMIT } as never });
  });
  afterAll(() => limited?.stop());

  test('past the budget a post is a 429 in the spec shape, before anything is read', async () => {
    await awayFromWindowEdge();
    const answers: { status: number; body: unknown }[] = [];
    for (let i = 0; i < LIMIT + 2; i++) {
      const res = await fetch(`${limited.url}/open311/v2/requests.json`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `jurisdiction_id=${TAOYUAN}&service_code=repair&lat=31.25&long=113.99&description=路灯坏了`,
      });
      answers.push({ status: res.status, body: await res.json() });
    }
    // The community does not exist on this empty server: 404 while the budget lasts, then 429.
    expect(answers.slice(0, LIMIT).map((a) => a.status)).toEqual(Array(LIMIT).fill(404));
    expect(answers.slice(LIMIT)).toEqual([
      { status: 429, body: [{ code: 429, description: expect.stringMatching(/请求太频繁/) }] },
      { status: 429, body: [{ code: 429, description: expect.stringMatching(/请求太频繁/) }] },
    ]);
  });
});
