/**
 * "Who am I" as a function: `org.me` answers what `GET /api/auth/me` answers, so the
 * mini-program in WeChat cloud (no gateway, no token) can load its user, roles and
 * memberships. A first-time WeChat openid is a member-less user who joins by invite.
 */
import { main as org } from '../../cloudfunctions/org';
import { request, startWechatTestServer, type Client, type WechatTestServer } from './harness';

let server: WechatTestServer;
let secretary: Client;

beforeAll(async () => {
  server = await startWechatTestServer();
  secretary = await server.login('secretary');
});
afterAll(async () => {
  await server?.stop();
});

const authMe = async (c: Client) => (await request(`${server.url}/api/auth/me`, { method: 'GET', token: c.token })).data.user;

const newcomer = (name: string) => server.newcomer(name);

type CloudCall = (action: string, data?: object, requestId?: string) => Promise<any>;

/**
 * WeChat cloud: the function is called with no identity in its context, so the router
 * asks wx-server-sdk's getWXContext(), which reads the OPENID the platform put in env.
 * The env stays set until every call in `body` is done (calls read it after an await).
 */
async function inWeChat<T>(openid: string, body: (call: CloudCall) => Promise<T>): Promise<T> {
  const saved = { keys: process.env.WX_CONTEXT_KEYS, openid: process.env.WX_OPENID };
  process.env.WX_CONTEXT_KEYS = 'WX_OPENID,WX_APPID';
  process.env.WX_OPENID = openid;
  try {
    return await body((action, data = {}, requestId) => org({ action, data, ...(requestId ? { requestId } : {}) }, { runtime: server.runtime }));
  } finally {
    if (saved.keys === undefined) delete process.env.WX_CONTEXT_KEYS;
    else process.env.WX_CONTEXT_KEYS = saved.keys;
    if (saved.openid === undefined) delete process.env.WX_OPENID;
    else process.env.WX_OPENID = saved.openid;
  }
}

describe('org.me over the gateway', () => {
  test.each(['resident', 'volunteer', 'grid_worker', 'secretary', 'town_admin'])('%s gets the same user as /api/auth/me', async (as) => {
    const person = await server.login(as);
    const { user } = await person.ok('org', 'me');
    expect(user).toEqual(await authMe(person));
    expect(user.id).toBe(person.user.id);
  });

  test('the secretary sees their community, its name and their roles', async () => {
    const { user } = await secretary.ok('org', 'me');
    expect(user).toMatchObject({ communityId: 'com-taoyuan', communityName: '桃源社区', townId: 'town-huayuan' });
    expect(user.roles).toContain('secretary');
    expect(user.memberships).toEqual([expect.objectContaining({ communityId: 'com-taoyuan', roles: expect.arrayContaining(['secretary']) })]);
  });

  test('nobody signed in is told to sign in, as /api/auth/me does', async () => {
    const reply = await server.anonymous().call('org', 'me');
    expect(reply.status).toBe(401);
    expect(reply.body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  test('takes no input: anything in data is refused before it runs', async () => {
    const reply = await secretary.call('org', 'me', { userId: 'u-resident' });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  test('a newcomer has no roles until they join; after an invite the new roles show at once', async () => {
    const wang = await newcomer('me-wang');
    const before = (await wang.ok('org', 'me')).user;
    expect(before).toMatchObject({ id: wang.user.id, name: '微信用户', roles: [], gridIds: [], memberships: [] });
    expect(before.communityId).toBeUndefined();

    const invite = await secretary.ok('org', 'invites', { role: 'volunteer' });
    await wang.ok('org', 'acceptInvite', { code: invite.code, name: '王小明' });

    const after = (await wang.ok('org', 'me')).user;
    expect(after).toMatchObject({ id: wang.user.id, name: '王小明', communityId: 'com-taoyuan', communityName: '桃源社区' });
    expect(after.roles).toEqual(expect.arrayContaining(['resident', 'volunteer']));
    expect(after).toEqual(await authMe(wang));
  });
});

describe('org.me in WeChat cloud (identity from getWXContext)', () => {
  test('a first-time openid becomes a member-less user, the same one on every later open', async () => {
    const [first, again] = await inWeChat('oFirstOpen0001', async (call) => [await call('me'), await call('me')]);
    expect(first).toMatchObject({ ok: true, data: { user: { name: '微信用户', roles: [], gridIds: [], memberships: [] } } });
    expect(first.data.user.communityId).toBeUndefined();
    expect(again.data.user.id).toBe(first.data.user.id);
    expect(await server.db.collection('users').countDocuments({ openid: 'oFirstOpen0001' })).toBe(1);
  });

  test('many first opens at once still make one user', async () => {
    const replies = await inWeChat('oFirstOpen0002', (call) => Promise.all(Array.from({ length: 8 }, () => call('me'))));
    expect(replies.map((r) => r.ok)).toEqual(Array(8).fill(true));
    expect(new Set(replies.map((r) => r.data.user.id)).size).toBe(1);
    expect(await server.db.collection('users').countDocuments({ openid: 'oFirstOpen0002' })).toBe(1);
  });

  test('after joining by invite code, org.me brings the roles and the community', async () => {
    const invite = await secretary.ok('org', 'invites', { role: 'party_member' });
    const [bare, joined, user] = await inWeChat('oFirstOpen0003', async (call) => [
      (await call('me')).data.user,
      await call('acceptInvite', { code: invite.code, name: '李芳' }, 'join-oFirstOpen0003'),
      (await call('me')).data.user,
    ]);
    expect(joined.ok).toBe(true);
    expect(user).toMatchObject({ id: bare.id, name: '李芳', communityId: 'com-taoyuan', communityName: '桃源社区' });
    expect(user.roles).toEqual(expect.arrayContaining(['resident', 'party_member']));
  });
});
