/** Environment variables as read (not the ambient NodeJS.ProcessEnv, which others augment). */
type Env = Record<string, string | undefined>;
import os from 'node:os';
import { startTestServer, wishInput, type TestServer } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await (await server.login('secretary')).ok('org', 'updateSettings', { settings: { postsPerDay: 50 } });
});
afterAll(() => server?.stop());

async function openWish(title: string): Promise<string> {
  const { wish } = await (await server.login('resident')).ok('wishes', 'create', wishInput({ title }));
  await (await server.login('secretary')).ok('dispatch', 'approve', { wishId: wish.id });
  return wish.id;
}

const tick = async () => (await server.anonymous().ok('cron', 'tick', {}));

describe('cron.tick with a movable clock', () => {
  test('an expired lease returns the wish to the pool, once, and tells the claimer', async () => {
    const wishId = await openWish('租约到期测试');
    const volunteer = await server.login('volunteer');
    await volunteer.ok('tasks', 'claim', { wishId });
    await tick();
    expect((await volunteer.ok('wishes', 'detail', { wishId })).wish.status).toBe('claimed');

    server.clock.advanceHours(25);
    // Two ticks at once and one after: the lease expires exactly once.
    await Promise.all([tick(), tick()]);
    await tick();
    const detail = await (await server.login('secretary')).ok('wishes', 'detail', { wishId });
    expect(detail.wish).toMatchObject({ status: 'open', slotsFree: 1, claims: [] });
    expect(detail.events.filter((e: any) => e.action === 'expire')).toHaveLength(1);
    expect(detail.events.at(-1)).toMatchObject({ action: 'expire', from: 'claimed', to: 'open', actor: { kind: 'system' } });
    const inbox = await volunteer.ok('notify', 'inbox', {});
    expect(inbox.items.filter((m: any) => m.wishId === wishId && m.template === 'lease_expired')).toHaveLength(1);
    // The volunteer may claim it again.
    expect((await volunteer.ok('tasks', 'claim', { wishId })).wish.status).toBe('claimed');
  });

  test('an unclaimed wish escalates to the secretary, then to the town, each once', async () => {
    const wishId = await openWish('超时上报测试');
    server.clock.advanceHours(25);
    await Promise.all([tick(), tick()]);
    const secretary = await server.login('secretary');
    let detail = await secretary.ok('wishes', 'detail', { wishId });
    expect(detail.wish.escalation.level).toBe('secretary');
    const esc = await secretary.ok('dispatch', 'escalations', {});
    expect(esc.items.map((w: any) => w.id)).toContain(wishId);

    server.clock.advanceHours(48);
    await tick();
    await tick();
    detail = await secretary.ok('wishes', 'detail', { wishId });
    expect(detail.wish.escalation.level).toBe('town');
    expect(detail.events.filter((e: any) => e.action === 'escalate').map((e: any) => e.meta.level)).toEqual(['secretary', 'town']);
    const town = await server.login('town_admin');
    expect((await town.ok('dispatch', 'escalations', { level: 'town' })).items.map((w: any) => w.id)).toContain(wishId);
    const townInbox = await town.ok('notify', 'inbox', {});
    expect(townInbox.items.filter((m: any) => m.wishId === wishId && m.template === 'wish_escalated')).toHaveLength(1);
  });

  test('a finished wish the resident never confirms is confirmed after the community setting', async () => {
    const wishId = await openWish('自动确认测试');
    const volunteer = await server.login('volunteer2');
    await volunteer.ok('tasks', 'claim', { wishId });
    await volunteer.ok('tasks', 'start', { wishId });
    await volunteer.ok('tasks', 'complete', { wishId, note: '已完成' });
    server.clock.advanceHours(24);
    await tick();
    const resident = await server.login('resident');
    expect((await resident.ok('wishes', 'detail', { wishId })).wish.status).toBe('done');
    server.clock.advanceHours(49);
    await Promise.all([tick(), tick()]);
    const detail = await resident.ok('wishes', 'detail', { wishId });
    expect(detail.wish.status).toBe('confirmed');
    expect(detail.events.filter((e: any) => e.action === 'confirm')).toHaveLength(1);
    expect(detail.events.at(-1).actor).toEqual({ kind: 'system' });
  });

  test('outside local mode nobody may call the timer over HTTP', async () => {
    const other = await startTestServer({ mode: 'selfhosted', seed: false, env: { TOKEN_SECRET: 'x'.repeat(40), WECHAT_APPID: 'wx1', WECHAT_SECRET: 's' } as Env });
    try {
      const r = await other.anonymous().call('cron', 'tick', {});
      expect(r.status).toBe(403);
    } finally {
      await other.stop();
    }
  });
});

describe('L1: a moved clock is never reachable from the network', () => {
  test('in local mode the timer refuses any caller but the system, whoever asks the function directly', async () => {
    const { main } = await import('../../cloudfunctions/cron');
    const user = await server.login('secretary');
    for (const identity of [{ kind: 'anonymous' as const }, { kind: 'user' as const, userId: user.user.id }]) {
      const reply = await main({ action: 'tick', data: { now: new Date(Date.now() + 30 * 86_400_000).toISOString() } }, { identity, runtime: server.runtime });
      expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  test('no request may carry a clock, not even the system\'s own tick over loopback, and the lease stands', async () => {
    const wishId = await openWish('远程拨钟测试');
    const volunteer = await server.login('volunteer');
    await volunteer.ok('tasks', 'claim', { wishId });
    const future = new Date(server.clock.now().getTime() + 30 * 86_400_000).toISOString();
    const overHttp = await server.anonymous().call('cron', 'tick', { now: future });
    expect(overHttp.status).toBe(400);
    expect(overHttp.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const { main } = await import('../../cloudfunctions/cron');
    const direct = await main({ action: 'tick', data: { now: future } }, { identity: { kind: 'system' }, runtime: server.runtime });
    expect(direct).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect((await volunteer.ok('wishes', 'detail', { wishId })).wish.status).toBe('claimed');

    // The test hook moves it: the same lease expires.
    expect(await server.tick({ at: new Date(future), jobs: ['leases'] })).toMatchObject({ ok: true });
    expect((await volunteer.ok('wishes', 'detail', { wishId })).wish.status).toBe('open');
  });

  test('the server listens on loopback unless HOST says otherwise, in every mode', async () => {
    const { loadConfig } = await import('../../server/config');
    const selfhosted = { XINYUAN_MODE: 'selfhosted', TOKEN_SECRET: 'x'.repeat(40), WECHAT_APPID: 'wx1', WECHAT_SECRET: 's' };
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig(selfhosted).host).toBe('127.0.0.1');
    expect(loadConfig({ ...selfhosted, HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  test('over HTTP, only from the loopback interface', async () => {
    const external = Object.values(os.networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    if (!external) return; // a machine with loopback only: nothing to reach it from
    const open = await startTestServer({ host: '0.0.0.0', seed: false });
    try {
      const url = `http://${external}:${open.port}/api/fn/cron`;
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'tick', data: {} }) });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect((await open.anonymous().call('cron', 'tick', {})).status).toBe(200);
    } finally {
      await open.stop();
    }
  });
});

describe('urgent wishes escalate in minutes', () => {
  test('an urgent wish nobody claims reaches the secretary after 15 minutes and the town after 30', async () => {
    const { wish } = await (await server.login('resident')).ok('wishes', 'create', wishInput({ title: '老人摔倒需要送医' }));
    const secretary = await server.login('secretary');
    await secretary.ok('dispatch', 'approve', { wishId: wish.id, priority: 'urgent' });
    const level = async () => (await secretary.ok('wishes', 'detail', { wishId: wish.id })).wish.escalation?.level;

    server.clock.advanceHours(10 / 60);
    await tick();
    expect(await level()).toBeUndefined();
    server.clock.advanceHours(6 / 60);
    await tick();
    expect(await level()).toBe('secretary');
    server.clock.advanceHours(15 / 60);
    await tick();
    expect(await level()).toBe('town');
  });
});
