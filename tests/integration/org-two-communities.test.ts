/**
 * A person in two communities (issue 13.4): 周建 lives in 花园街社区 (a resident there) and works in 桃源社区 for its
 * property company (a volunteer of the 物业 there). He picks the community he acts in; every call is then answered as
 * his membership there: its roles, its lists, its wishes, and none of the other's.
 */
import { startTestServer, wishInput, TAOYUAN, type Client, type TestServer } from './harness';

let server: TestServer;
let zhou: Client;

beforeAll(async () => {
  server = await startTestServer();
  zhou = await server.login('property_staff');
});
afterAll(async () => {
  await server?.stop();
});

const nearby = (c: Client) => c.call('tasks', 'nearby', { lng: TAOYUAN.lng, lat: TAOYUAN.lat, radiusM: 5000, limit: 50 });

test('he is told both communities and acts in the first until he picks; there he holds only that community’s roles', async () => {
  const { user } = await zhou.ok('org', 'me');
  expect(user.communities).toEqual([{ id: 'com-taoyuan', name: '桃源社区' }, { id: 'com-huayuanjie', name: '花园街社区' }]);
  expect(user).toMatchObject({ communityId: 'com-taoyuan', roles: ['volunteer'], unitId: 'unit-wuye' });
  // In 桃源 he is the 物业's volunteer: he sees its open wishes, and what he posts is 桃源's.
  expect((await nearby(zhou)).status).toBe(200);
  expect((await zhou.ok('wishes', 'create', wishInput({ title: '想请人帮忙修门锁' }))).wish.communityId).toBe('com-taoyuan');
});

test('acting in 花园街社区 he is a resident there: he posts there, and 桃源’s pool, wishes and org are closed to him', async () => {
  const secretary = await server.login('secretary');
  const resident = await server.login('resident');
  const { wish: taoWish } = await resident.ok('wishes', 'create', wishInput({ title: '帮忙搬一下花盆' }));
  await secretary.ok('dispatch', 'approve', { wishId: taoWish.id });

  const { user } = await zhou.ok('org', 'actIn', { communityId: 'com-huayuanjie' });
  expect(user).toMatchObject({ communityId: 'com-huayuanjie', communityName: '花园街社区', roles: ['resident'] });
  expect(user.unitId).toBeUndefined();

  const { wish: mine } = await zhou.ok('wishes', 'create', wishInput({ title: '家里水龙头漏水', buildingId: undefined, address: '花园街12号' }));
  expect(mine.communityId).toBe('com-huayuanjie');

  expect((await nearby(zhou)).body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  const claim = await zhou.call('tasks', 'claim', { wishId: taoWish.id });
  expect(claim.body.ok).toBe(false);
  expect(['FORBIDDEN', 'NOT_FOUND']).toContain(claim.body.ok ? '' : claim.body.error.code);
  expect((await zhou.call('wishes', 'detail', { wishId: taoWish.id })).body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  const units = await zhou.ok('org', 'units');
  expect(units.items.map((u: { id: string }) => u.id)).not.toContain('unit-wuye');
  expect((await server.db.collection('wishes').findOne({ _id: taoWish.id }))!.claims).toEqual([]);

  // Back in 桃源 he is the 物业's volunteer again: he claims it; his own 花园街 wish stays his wherever he acts.
  await zhou.ok('org', 'actIn', { communityId: 'com-taoyuan' });
  expect((await zhou.ok('tasks', 'claim', { wishId: taoWish.id })).wish.claims[0].claimerId).toBe('u-property_staff');
  expect((await zhou.ok('wishes', 'detail', { wishId: mine.id })).wish.id).toBe(mine.id);
});

test('only a community he belongs to can be picked; a refused pick changes nothing', async () => {
  for (const communityId of ['com-shizishan', 'nowhere']) {
    expect((await zhou.call('org', 'actIn', { communityId })).body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  }
  expect((await zhou.ok('org', 'me')).user.communityId).toBe('com-taoyuan');
  // Someone in one community has nothing to switch to.
  const volunteer = await server.login('volunteer');
  expect((await volunteer.call('org', 'actIn', { communityId: 'com-huayuanjie' })).body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
});

test('an invite to serve in a second community adds its role there only (no resident role where he does not live)', async () => {
  const secretaryHy = await server.login('secretary_hy');
  const { code } = await secretaryHy.ok('org', 'invites', { role: 'volunteer' });
  const volunteer2 = await server.login('volunteer2');
  const { user } = await volunteer2.ok('org', 'acceptInvite', { code });
  expect(user.memberships.map((m: { communityId?: string; roles: string[] }) => [m.communityId, m.roles])).toEqual([
    ['com-taoyuan', ['resident', 'volunteer']],
    ['com-huayuanjie', ['volunteer']],
  ]);
  const again = await server.login('volunteer2');
  expect((await again.ok('org', 'actIn', { communityId: 'com-huayuanjie' })).user.roles).toEqual(['volunteer']);
});
