// Issue 11, L4 and L6: every route the gateway serves, probed as a careless client would, answers with a
// 4xx envelope and the security headers, and the log never gets a stack trace.
import net from 'node:net';
import { startTestServer, type TestServer } from './harness';

const BODY_LIMIT = 4096;
let server: TestServer;
let logged: unknown[][];
let restore: () => void;
beforeAll(async () => {
  // The probes come from one address, several hundred a minute on a fast machine: the limit is not what this suite tests (rate-limit.test.ts does).
  server = await startTestServer({ seed: true, config: { bodyLimitBytes: BODY_LIMIT, rateLimitPerMinute: 100_000 } as never });
  const original = console.error;
  logged = [];
  console.error = (...args: unknown[]) => void logged.push(args);
  restore = () => (console.error = original);
});
afterAll(async () => {
  restore?.();
  await server?.stop();
});

function expectSecurityHeaders(headers: Headers | Record<string, string>, where: string) {
  const get = (name: string) => (headers instanceof Headers ? headers.get(name) : headers[name]);
  const seen = {
    where,
    frame: get('x-frame-options'),
    frameAncestors: /frame-ancestors 'none'/.test(get('content-security-policy') ?? ''),
    nosniff: get('x-content-type-options'),
    referrer: get('referrer-policy'),
  };
  expect(seen).toEqual({ where, frame: 'DENY', frameAncestors: true, nosniff: 'nosniff', referrer: 'no-referrer' });
}

const MULTIPART = 'multipart/form-data; boundary=xyz';
/** Bodies a careless or hostile client sends, each with the content type it claims. */
const BODIES: [string, string | undefined, string][] = [
  ['broken JSON', 'application/json', '{"action": "create", '],
  ['JSON null', 'application/json', 'null'],
  ['JSON array', 'application/json', '[1,2]'],
  ['JSON string', 'application/json', '"wishes"'],
  ['prototype keys', 'application/json', '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}'],
  ['oversize JSON', 'application/json', JSON.stringify({ action: 'create', data: { title: 'x'.repeat(BODY_LIMIT) } })],
  ['plain text', 'text/plain', 'hello'],
  ['XML', 'application/xml', '<a>1</a>'],
  ['form-urlencoded', 'application/x-www-form-urlencoded', 'action=create'],
  ['multipart without a boundary', 'multipart/form-data', '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc'],
  ['multipart cut short', MULTIPART, '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG'],
  ['multipart garbage', MULTIPART, 'garbage with no boundary at all'],
  ['no content type', undefined, '{"action":"mine","data":{}}'],
  ['JSON in another charset', 'application/json; charset=utf-16', '{}'],
];

describe('every gateway route, probed with malformed requests (issue 11, L4)', () => {
  test('each answers 4xx (or its normal reply) with an envelope and the security headers; nothing is logged', async () => {
    const routes = server.routes;
    // The list is the gateway's own: these are on it, and each is probed below.
    expect(routes).toEqual(expect.arrayContaining([
      { method: 'POST', url: '/api/fn/:name' },
      { method: 'POST', url: '/api/upload' },
      { method: 'POST', url: '/api/auth/login' },
      { method: 'POST', url: '/api/auth/dev-login' },
      { method: 'GET', url: '/api/auth/me' },
      { method: 'GET', url: '/healthz' },
      { method: 'GET', url: '/open311/v2/requests.json' },
      { method: 'GET', url: '/open311/v2/requests/:id.json' },
      { method: 'POST', url: '/open311/v2/requests.json' },
    ]));
    const volunteer = await server.login('volunteer');
    const auths: Record<string, string>[] = [{}, { authorization: `Bearer ${volunteer.token}` }, { authorization: 'Bearer not.a.token' }, { authorization: 'Basic abc' }];
    const problems: string[] = [];
    let probes = 0;
    for (const route of routes) {
      const url = server.url + route.url.replace(':name', 'wishes').replace(':id', 'x').replace('*', 'x');
      const bodies: [string, string | undefined, string | undefined][] = route.method === 'GET' ? [['no body', undefined, undefined]] : BODIES;
      for (const [what, type, body] of bodies) {
        for (const auth of auths) {
          probes++;
          const res = await fetch(url, { method: route.method, headers: { ...(type ? { 'content-type': type } : {}), ...auth }, body });
          const text = await res.text();
          const where = `${route.method} ${route.url} ${what} ${Object.keys(auth).length ? auth.authorization.slice(0, 12) : 'anonymous'}`;
          expectSecurityHeaders(res.headers, where);
          if (res.status >= 500) problems.push(`${where}: ${res.status} ${text.slice(0, 120)}`);
          // A route's own non-JSON answer (the h5 page, /metrics' text) is its normal reply; a refusal is always the envelope.
          if (res.ok && !(res.headers.get('content-type') ?? '').startsWith('application/json')) continue;
          let envelope: { ok?: unknown; error?: { code?: unknown; stack?: unknown } } | undefined;
          try {
            envelope = JSON.parse(text);
          } catch {
            problems.push(`${where}: not JSON: ${text.slice(0, 120)}`);
            continue;
          }
          if (/\bat \S+ \(|node_modules/.test(text)) problems.push(`${where}: a stack trace in the reply`);
          // Open311 answers in its spec's shape (server/open311.ts): a refusal is [{code: <the status>, description}].
          if (route.url.startsWith('/open311/')) {
            const list = envelope as unknown as { code?: unknown; description?: unknown }[];
            if (res.status >= 400 && !(Array.isArray(list) && list.length === 1 && list[0].code === res.status && typeof list[0].description === 'string')) {
              problems.push(`${where}: ${res.status} not in the Open311 error shape: ${text.slice(0, 120)}`);
            }
            continue;
          }
          if (typeof envelope?.ok !== 'boolean') problems.push(`${where}: no envelope: ${text.slice(0, 120)}`);
          if (res.status >= 400 && typeof envelope?.error?.code !== 'string') problems.push(`${where}: ${res.status} without an error code`);
          if (/\bat \S+ \(|node_modules/.test(text)) problems.push(`${where}: a stack trace in the reply`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(probes).toBeGreaterThan(100);
    expect(logged).toEqual([]);
  });

  test('a path the router cannot decode gets the envelope, not a bare framework error', async () => {
    for (const path of ['/api/%ff', '/files/%E0%A4%A', '/%E0%A4%A']) {
      const res = await fetch(server.url + path);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
      expectSecurityHeaders(res.headers, path);
    }
  });

  test('a request the HTTP parser cannot read gets a 400 envelope and the connection closes', async () => {
    const { port } = new URL(server.url);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => socket.write('NOT-HTTP \u0000\r\n\r\n'));
      let out = '';
      socket.on('data', (d) => (out += d));
      socket.on('end', () => resolve(out));
      socket.on('error', reject);
    });
    const [head, body] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    const headers = Object.fromEntries(head.split('\r\n').slice(1).map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    expectSecurityHeaders(headers, 'raw');
    expect(JSON.parse(body)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('security headers on every reply (issue 11, L6)', () => {
  test('JSON replies, errors, photos and refusals alike; HSTS only when TLS is in front', async () => {
    const volunteer = await server.login('volunteer');
    const replies = [
      await fetch(`${server.url}/healthz`),
      await fetch(`${server.url}/api/fn/wishes`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${volunteer.token}` }, body: '{"action":"mine","data":{}}' }),
      await fetch(`${server.url}/api/fn/nope`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
      await fetch(`${server.url}/files/${'a'.repeat(64)}.jpg`),
      await fetch(`${server.url}${server.fileUrl(`/files/${'a'.repeat(64)}.jpg`)}`),
      await fetch(`${server.url}/api/auth/me`),
    ];
    expect(replies.map((r) => r.status)).toEqual([200, 200, 404, 403, 404, 401]);
    for (const r of replies) {
      expectSecurityHeaders(r.headers, r.url);
      expect(r.headers.get('strict-transport-security')).toBeNull();
    }

    const tls = await startTestServer({ seed: false, config: { behindTls: true } as never });
    try {
      for (const path of ['/healthz', '/api/auth/me', '/nope']) {
        const r = await fetch(tls.url + path);
        expectSecurityHeaders(r.headers, path);
        expect(r.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
      }
    } finally {
      await tls.stop();
    }
  });
});
