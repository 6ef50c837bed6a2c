/**
 * Joining by a secretary's approval: a newcomer asks, the secretary of that community
 * decides, and the newcomer is told. Nobody else sees or decides the request.
 */
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

const newcomer = (name: string) => server.newcomer(name);
const me = async (c: Client) => (await request(`${server.url}/api/auth/me`, { method: 'GET', token: c.token })).data.user;

describe('a newcomer asks to join and the secretary approves', () => {
  test('the newcomer becomes a member with the granted roles and finds the answer in their inbox', async () => {
    let wang = await newcomer('wang');
    const asked = await wang.ok('org', 'requestJoin', {
      communityId: 'com-taoyuan', name: '王小明', phone: '13912340001', note: '住G3栋，想做志愿者', roles: ['resident', 'volunteer'],
    });
    expect(asked.request).toMatchObject({ status: 'pending', communityName: '桃源社区', roles: ['resident', 'volunteer'], phone: '13912340001' });
    expect((await me(wang)).roles).toEqual([]);

    const secretaryInbox = await secretary.ok('notify', 'inbox', {});
    expect(secretaryInbox.items.find((i: any) => i.template === 'join_requested')?.body).toContain('王小明');

    const queue = await secretary.ok('org', 'joinRequests', { status: 'pending' });
    const seen = queue.items.find((r: any) => r.id === asked.request.id);
    expect(seen).toMatchObject({ name: '王小明', phone: '13912340001', note: '住G3栋，想做志愿者' });

    const decided = await secretary.ok('org', 'decideJoin', { requestId: asked.request.id, approve: true });
    expect(decided.request).toMatchObject({ status: 'approved', grantedRoles: ['resident', 'volunteer'] });

    // New roles end the sign-in made without them (issue 11, L6): the newcomer signs in again.
    expect((await request(`${server.url}/api/auth/me`, { method: 'GET', token: wang.token })).body).toMatchObject({ ok: false, error: { code: 'TOKEN_REVOKED' } });
    wang = await newcomer('wang');
    expect(await me(wang)).toMatchObject({ name: '王小明', communityId: 'com-taoyuan', roles: ['resident', 'volunteer'] });
    const members = await secretary.ok('org', 'members', { q: '王小明' });
    expect(members.items[0]).toMatchObject({ roles: ['resident', 'volunteer'] });
    const nearby = await wang.call('tasks', 'nearby', { lng: 113.9935, lat: 31.2525 });
    expect(nearby.status).toBe(200);
    const inbox = await wang.ok('notify', 'inbox', {});
    expect(inbox.items[0]).toMatchObject({ template: 'join_decided', title: '入社申请结果' });
    expect(inbox.items[0].body).toContain('已通过');

    const again = await secretary.call('org', 'decideJoin', { requestId: asked.request.id, approve: false, reason: '重复' });
    expect(again.status).toBe(409);
    expect((await me(wang)).roles).toEqual(['resident', 'volunteer']);
  });

  test('the secretary may grant fewer roles than asked, or reject with a reason the person reads', async () => {
    const li = await newcomer('li');
    const asked = await li.ok('org', 'requestJoin', { communityId: 'com-taoyuan', name: '李芳', roles: ['resident', 'party_member'] });
    await secretary.ok('org', 'decideJoin', { requestId: asked.request.id, approve: true, roles: ['resident'] });
    expect((await me(await newcomer('li'))).roles).toEqual(['resident']);

    const zhao = await newcomer('zhao');
    const second = await zhao.ok('org', 'requestJoin', { communityId: 'com-taoyuan', name: '赵强' });
    const rejected = await secretary.ok('org', 'decideJoin', { requestId: second.request.id, approve: false, reason: '请先到居委会登记住址' });
    expect(rejected.request).toMatchObject({ status: 'rejected', reason: '请先到居委会登记住址' });
    expect((await me(zhao)).roles).toEqual([]);
    const mine = await zhao.ok('org', 'joinRequests', {});
    expect(mine.items).toEqual([expect.objectContaining({ id: second.request.id, status: 'rejected', reason: '请先到居委会登记住址' })]);
    const inbox = await zhao.ok('notify', 'inbox', {});
    expect(inbox.items[0].body).toContain('请先到居委会登记住址');
    // Rejected is not the end: the person may ask again.
    expect((await zhao.call('org', 'requestJoin', { communityId: 'com-taoyuan', name: '赵强' })).status).toBe(200);
  });

  test('a live invite code can name the community instead of its id', async () => {
    const invite = await secretary.ok('org', 'invites', { role: 'resident', maxUses: 50 });
    const qian = await newcomer('qian');
    const asked = await qian.ok('org', 'requestJoin', { inviteCode: invite.code, name: '钱多', roles: ['volunteer'] });
    expect(asked.request).toMatchObject({ communityId: 'com-taoyuan', status: 'pending' });
    await secretary.ok('org', 'revokeInvite', { code: invite.code });
    const late = await (await newcomer('sun')).call('org', 'requestJoin', { inviteCode: invite.code, name: '孙悟' });
    expect(late.status).toBe(400);
    expect(late.body).toMatchObject({ ok: false, error: { details: { fields: [{ path: 'inviteCode', message: '邀请码无效或已过期' }] } } });
  });
});

describe('refusals', () => {
  test('a second pending request from the same person is refused, even two at once', async () => {
    const zhou = await newcomer('zhou');
    const both = await Promise.all([
      zhou.call('org', 'requestJoin', { communityId: 'com-taoyuan', name: '周一' }),
      zhou.call('org', 'requestJoin', { communityId: 'com-taoyuan', name: '周一', roles: ['volunteer'] }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const refused = both.find((r) => r.status === 409)!;
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '您已提交过申请，请等待社区审核' } });
    expect((await zhou.ok('org', 'joinRequests', {})).items).toHaveLength(1);
  });

  test("a secretary of another community can neither see nor decide the request", async () => {
    const wu = await newcomer('wu');
    const asked = await wu.ok('org', 'requestJoin', { communityId: 'com-taoyuan', name: '吴用' });
    const other = await server.login('secretary2');
    const theirs = await other.ok('org', 'joinRequests', {});
    expect(theirs.items.map((r: any) => r.id)).not.toContain(asked.request.id);
    expect((await other.call('org', 'joinRequests', { communityId: 'com-taoyuan' })).status).toBe(404);
    const decide = await other.call('org', 'decideJoin', { requestId: asked.request.id, approve: true });
    expect(decide.status).toBe(404);
    expect((await me(wu)).roles).toEqual([]);
    expect((await wu.ok('org', 'joinRequests', {})).items[0].status).toBe('pending');
  });

  test('a resident cannot approve, and sees only their own requests', async () => {
    const zheng = await newcomer('zheng');
    const asked = await zheng.ok('org', 'requestJoin', { communityId: 'com-taoyuan', name: '郑好' });
    const resident = await server.login('resident');
    const approve = await resident.call('org', 'decideJoin', { requestId: asked.request.id, approve: true });
    expect(approve.status).toBe(403);
    expect(approve.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await resident.ok('org', 'joinRequests', {})).items).toEqual([]);
    expect((await zheng.ok('org', 'joinRequests', {})).items[0].status).toBe('pending');
  });

  test('a town admin reads requests in the town with phones masked, but cannot decide', async () => {
    const feng = await newcomer('feng');
    const asked = await feng.ok('org', 'requestJoin', { communityId: 'com-taoyuan', name: '冯远', phone: '13912340009' });
    const town = await server.login('town_admin');
    const listed = await town.ok('org', 'joinRequests', { status: 'pending' });
    const seen = listed.items.find((r: any) => r.id === asked.request.id);
    expect(seen.phone).not.toBe('13912340009');
    expect(seen.phone).toMatch(/\*/);
    expect((await town.call('org', 'decideJoin', { requestId: asked.request.id, approve: true })).status).toBe(403);
  });

  test('a member of one community may ask to join another (lives in one, serves in another); a member already holding the roles is told so', async () => {
    const bh = await server.login('resident_bh');
    const elsewhere = await bh.ok('org', 'requestJoin', { communityId: 'com-taoyuan', name: '郑大爷', roles: ['volunteer'] });
    await secretary.ok('org', 'decideJoin', { requestId: elsewhere.request.id, approve: true });
    const both = await (await server.login('resident_bh')).ok('org', 'me');
    // Still acting where he lives, until he picks 桃源 on 我的.
    expect(both.user).toMatchObject({ communityId: 'com-shizishan', roles: ['resident'] });
    expect(both.user.communities.map((c: { id: string }) => c.id)).toEqual(['com-shizishan', 'com-taoyuan']);
    expect(both.user.memberships.find((m: { communityId?: string }) => m.communityId === 'com-taoyuan').roles).toEqual(['volunteer']);
    const resident = await server.login('resident');
    expect((await resident.call('org', 'requestJoin', { communityId: 'com-taoyuan', name: '胡秀兰' })).status).toBe(409);
    // Asking for a further role is a request like any other.
    const more = await resident.ok('org', 'requestJoin', { communityId: 'com-taoyuan', name: '胡秀兰', roles: ['volunteer'] });
    await secretary.ok('org', 'decideJoin', { requestId: more.request.id, approve: true });
    expect((await me(await server.login('resident'))).roles).toEqual(expect.arrayContaining(['resident', 'volunteer']));
  });

  test('bad input gets the structured error and writes nothing', async () => {
    const chen = await newcomer('chen');
    const cases = [
      { communityId: 'com-taoyuan', name: '', roles: ['resident'] },
      { communityId: 'com-taoyuan', name: '陈', roles: ['secretary'] },
      { communityId: { $gt: '' }, name: '陈' },
      { name: '陈' },
    ];
    for (const data of cases) {
      const reply = await chen.call('org', 'requestJoin', data);
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    expect((await chen.call('org', 'requestJoin', { communityId: 'com-nowhere', name: '陈' })).status).toBe(404);
    expect((await chen.ok('org', 'joinRequests', {})).items).toEqual([]);
    const reject = await secretary.call('org', 'decideJoin', { requestId: 'nope', approve: false });
    expect(reject.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'reason', message: '拒绝时请填写原因' }] } } });
  });
});
