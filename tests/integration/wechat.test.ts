/** Environment variables as read (not the ambient NodeJS.ProcessEnv, which others augment). */
type Env = Record<string, string | undefined>;
import { FUNCTIONS } from '../../server/functions';
import { startFakeWechat, type FakeWechat } from './fakeWechat';
import { request, startTestServer, wishInput, type TestServer } from './harness';

let wechat: FakeWechat;
let server: TestServer;

beforeAll(async () => {
  wechat = await startFakeWechat('wx-app', 'wx-secret');
  server = await startTestServer({
    mode: 'selfhosted',
    seed: true,
    env: { TOKEN_SECRET: 'k'.repeat(48), WECHAT_APPID: 'wx-app', WECHAT_SECRET: 'wx-secret', WECHAT_API_BASE: wechat.url, WECHAT_TEMPLATE_WISH_APPROVED: 'TPL_APPROVED' } as Env,
  });
});
afterAll(async () => {
  await server?.stop();
  await wechat?.stop();
});

/** Staff actions done in-process (dev login is closed in self-hosted mode). */
async function asStaff(fn: string, action: string, data: unknown, userId = 'u-secretary') {
  const reply = await FUNCTIONS[fn]({ action, data }, { identity: { kind: 'user', userId }, runtime: server.runtime });
  if (!reply.ok) throw new Error(JSON.stringify(reply.error));
  return reply.data as any;
}

const login = (code: string) => request(`${server.url}/api/auth/login`, { body: { code } });
function callAs(token: string, fn: string, action: string, data: unknown = {}) {
  return request(`${server.url}/api/fn/${fn}`, { token, body: { action, data } });
}

describe('self-hosted login with WeChat', () => {
  test('a WeChat code becomes a signed token; the session key never leaves the server', async () => {
    const first = await login('good-alice');
    expect(first.status).toBe(200);
    expect(first.data.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(first.data.user).toMatchObject({ name: '微信用户', roles: [] });
    expect(JSON.stringify(first.body)).not.toContain('SECRET_SESSION_KEY');
    const stored = await server.db.collection('wx_sessions').findOne({ _id: 'oalice' as never });
    expect(stored?.sessionKey).toBe('SECRET_SESSION_KEY_123==');
    const again = await login('good-alice');
    expect(again.data.user.id).toBe(first.data.user.id);
  });

  test('a bad code is refused with 401; demo login does not exist here', async () => {
    const bad = await login('expired-code');
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect((await request(`${server.url}/api/auth/dev-login`, { body: { as: 'secretary' } })).status).toBe(404);
    expect((await login('')).status).toBe(400);
  });

  test('a new WeChat user joins with an invite code, then posts', async () => {
    const { token } = (await login('good-bob')).data;
    const before = await callAs(token, 'wishes', 'create', wishInput());
    expect(before.status).toBe(403);
    const invite = await asStaff('org', 'invites', { role: 'resident' });
    const joined = await callAs(token, 'org', 'acceptInvite', { code: invite.code, name: '鲍先生', phone: '13912345678' });
    expect(joined.data).toMatchObject({ communityId: 'com-taoyuan', roles: ['resident'] });
    const me = await request(`${server.url}/api/auth/me`, { method: 'GET', token });
    expect(me.data.user).toMatchObject({ name: '鲍先生', roles: ['resident'], communityId: 'com-taoyuan', communityName: '桃源社区' });
    expect((await callAs(token, 'wishes', 'create', wishInput({ buildingId: undefined }))).status).toBe(200);
    // One use only.
    const { token: carol } = (await login('good-carol')).data;
    expect((await callAs(carol, 'org', 'acceptInvite', { code: invite.code })).status).toBe(409);
  });
});

describe('subscribe messages through WeChat', () => {
  test('each consent buys one send; without one the message stays in the inbox; never twice for one event', async () => {
    const { token } = (await login('good-dora')).data;
    const invite = await asStaff('org', 'invites', { role: 'resident' });
    await callAs(token, 'org', 'acceptInvite', { code: invite.code, name: '朵拉' });
    const sub = await callAs(token, 'notify', 'subscribe', { results: [{ template: 'wish_approved', accepted: true }, { template: 'wish_claimed', accepted: false }] });
    expect(sub.data.credits).toEqual({ wish_approved: 1, wish_claimed: 0 });

    const longTitle = '请帮忙把家里那台很旧很重的双开门冰箱搬到楼下回收点去';
    const w1 = (await callAs(token, 'wishes', 'create', wishInput({ title: longTitle, buildingId: undefined }))).data.wish;
    const w2 = (await callAs(token, 'wishes', 'create', wishInput({ title: '第二个心愿', buildingId: undefined }))).data.wish;
    await asStaff('dispatch', 'approve', { wishId: w1.id });
    await asStaff('dispatch', 'approve', { wishId: w2.id });
    const sentBefore = wechat.sent.length;
    await Promise.all([server.tick(), server.tick()]);
    await server.tick();
    const mine = wechat.sent.slice(sentBefore).filter((m) => m.touser === 'odora');
    expect(mine).toHaveLength(1);
    expect(mine[0].template_id).toBe('TPL_APPROVED');
    // WeChat refuses a thing field over 20 characters: it is cut to fit.
    expect([...mine[0].data.thing1.value].length).toBeLessThanOrEqual(20);
    // The wish's number (心愿编号) rides in the template's character_string field, as staff say it on the phone.
    expect(mine[0].data.character_string4.value).toMatch(/^TY-\d{4}-\d{4,}$/);
    expect([w1.number, w2.number]).toContain(mine[0].data.character_string4.value);

    const inbox = (await callAs(token, 'notify', 'inbox', {})).data;
    expect(inbox.items.filter((m: any) => m.template === 'wish_approved')).toHaveLength(2);
    expect(inbox.unread).toBeGreaterThanOrEqual(2);
    const read = (await callAs(token, 'notify', 'read', { all: true })).data;
    expect(read.unread).toBe(0);

    const messages = await server.db.collection('messages').find({ wishId: { $in: [w1.id, w2.id] }, template: 'wish_approved' }).toArray();
    expect(messages.map((m) => m.status).sort()).toEqual(['sent', 'skipped']);
  });

  test('error 43101 from WeChat is recorded and the consent counter believes WeChat', async () => {
    const { token } = (await login('good-erin')).data;
    const invite = await asStaff('org', 'invites', { role: 'resident' });
    await callAs(token, 'org', 'acceptInvite', { code: invite.code, name: '艾琳' });
    await callAs(token, 'notify', 'subscribe', { results: [{ template: 'wish_approved', accepted: true }] });
    await callAs(token, 'notify', 'subscribe', { results: [{ template: 'wish_approved', accepted: true }] });
    const w = (await callAs(token, 'wishes', 'create', wishInput({ title: '43101 测试', buildingId: undefined }))).data.wish;
    await asStaff('dispatch', 'approve', { wishId: w.id });
    wechat.failNext.push(43101);
    await server.tick();
    const item = await server.db.collection('messages').findOne({ wishId: w.id, template: 'wish_approved' });
    expect(item).toMatchObject({ status: 'failed' });
    expect(item!.lastError).toMatch(/^43101/);
    const sub = await server.db.collection('subscriptions').findOne({ _id: `${(await request(`${server.url}/api/auth/me`, { method: 'GET', token })).data.user.id}:wish_approved` as never });
    expect(sub?.credits).toBe(0);
  });
});
