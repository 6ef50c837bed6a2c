import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { awayFromWindowEdge, request, startTestServer, type TestServer } from './harness';

let server: TestServer;
let h5Dir: string;
beforeAll(async () => {
  h5Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinyuan-h5-'));
  fs.writeFileSync(path.join(h5Dir, 'index.html'), '<!doctype html><title>心愿</title><div id="app"></div>');
  fs.mkdirSync(path.join(h5Dir, 'js'));
  fs.writeFileSync(path.join(h5Dir, 'js', 'app.js'), 'console.log("app")');
  server = await startTestServer({ seed: true, config: { rateLimitPerMinute: 30, h5Dir } as never });
});
afterAll(async () => {
  await server?.stop();
  fs.rmSync(h5Dir, { recursive: true, force: true });
});

describe('the gateway around the functions', () => {
  test('/healthz answers with the envelope', async () => {
    const r = await request(`${server.url}/healthz`, { method: 'GET' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: true, data: { status: 'ok', mode: 'local' } });
  });

  test('the h5 app is served at / with its assets, and deep links fall back to index.html', async () => {
    const index = await fetch(`${server.url}/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<div id="app">');
    expect(await (await fetch(`${server.url}/js/app.js`)).text()).toContain('console.log');
    const deep = await fetch(`${server.url}/pages/wish/detail?id=1`);
    expect(deep.status).toBe(200);
    expect(deep.headers.get('content-type')).toContain('text/html');
    const api = await request(`${server.url}/api/nothing`, { method: 'GET' });
    expect(api.status).toBe(404);
    expect(api.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  test('/api/auth/me tells the client who is signed in and with which roles', async () => {
    const secretary = await server.login('secretary');
    const me = await request(`${server.url}/api/auth/me`, { method: 'GET', token: secretary.token });
    expect(me.data.user).toMatchObject({ id: 'u-secretary', roles: ['secretary', 'party_member'], communityId: 'com-taoyuan', communityName: '桃源社区' });
    const users = await request(`${server.url}/api/auth/dev-users`, { method: 'GET' });
    expect(users.data.items.map((u: any) => u.as)).toEqual(expect.arrayContaining(['resident', 'volunteer', 'party_member', 'unit_admin', 'grid_worker', 'secretary', 'town_admin', 'secretary2', 'unit_member', 'elder']));
    // In the seed's order, each with the seed's words for who they are and what to try (the login page shows them).
    expect(users.data.items[0]).toEqual({ as: 'resident', name: '胡秀兰', roles: ['resident'], title: '居民', does: '发布心愿，跟进进度，确认完成并评价' });
    expect(users.data.items[2]).toMatchObject({ as: 'elder', title: '独居老人' });
  });

  test('too many requests from one person → 429 envelope', async () => {
    const volunteer = await server.login('volunteer');
    // The limit counts per minute: 40 requests split by a minute's turn could each side stay under 30. One after
    // another: 40 at once on a loaded machine made counting outlast its 250 ms (rateLimitStore COUNT_WITHIN_MS), and a
    // count that can't be had lets the request through by design, so none was limited in a full CI run.
    await awayFromWindowEdge();
    const replies = [];
    for (let i = 0; i < 40; i++) replies.push(await volunteer.call('notify', 'inbox', {}));
    const limited = replies.filter((r) => r.status === 429);
    expect(replies.slice(0, 30).every((r) => r.status === 200)).toBe(true);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0].body).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
  });
});
