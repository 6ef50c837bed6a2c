import http from 'node:http';
import zlib from 'node:zlib';
import { startTestServer, TAOYUAN, type TestServer } from './harness';

const NEAR = { ...TAOYUAN, radiusM: 3000, limit: 50 };

/**
 * A list of wishes on a phone's slow network: its bytes are most of the wait, so a reply over a kilobyte goes
 * compressed to a client that says it can read it (browsers, wx.request), and as it is to one that does not.
 */
let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer();
  token = (await server.login('volunteer')).token!;
});
afterAll(() => server?.stop());

/** A POST as a browser sends it, the body as it came over the wire (fetch would decode it unseen). */
function post(path: string, body: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const hall = (acceptEncoding?: string) =>
  post('/api/fn/tasks', JSON.stringify({ action: 'nearby', data: NEAR }), {
    authorization: `Bearer ${token}`,
    ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}),
  });

test('the task hall goes to a browser in brotli, a fraction of its size, and decodes to the same reply', async () => {
  const plain = await hall();
  expect(plain.status).toBe(200);
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.body.length).toBeGreaterThan(1024);
  const reply = JSON.parse(plain.body.toString());
  expect(reply.ok).toBe(true);

  const br = await hall('gzip, deflate, br');
  expect(br.headers['content-encoding']).toBe('br');
  expect(br.headers.vary).toMatch(/accept-encoding/i);
  expect(br.body.length).toBeLessThan(plain.body.length / 2);
  expect(JSON.parse(zlib.brotliDecompressSync(br.body).toString())).toEqual(reply);
});

test('a client that reads only gzip gets gzip', async () => {
  const gz = await hall('gzip');
  expect(gz.headers['content-encoding']).toBe('gzip');
  expect(JSON.parse(zlib.gunzipSync(gz.body).toString()).ok).toBe(true);
});

test('a short reply, such as a refusal, is sent as it is', async () => {
  const r = await post('/api/fn/tasks', JSON.stringify({ action: 'nearby', data: NEAR }), { 'accept-encoding': 'br, gzip' });
  expect(r.status).toBe(401);
  expect(r.headers['content-encoding']).toBeUndefined();
  expect(JSON.parse(r.body.toString()).error.code).toBe('UNAUTHENTICATED');
});

test('a compressed request body is not inflated: it is refused as unreadable and changes nothing', async () => {
  const before = await server.withToken(token, undefined).ok('tasks', 'nearby', NEAR);
  const body = zlib.gzipSync(JSON.stringify({ action: 'claim', data: { wishId: 'x' } }));
  const r = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(`${server.url}/api/fn/tasks`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', authorization: `Bearer ${token}` } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
  expect(r.status).toBe(400);
  expect(JSON.parse(r.body).error.code).toBe('VALIDATION_FAILED');
  expect(await server.withToken(token, undefined).ok('tasks', 'nearby', NEAR)).toEqual(before);
});
