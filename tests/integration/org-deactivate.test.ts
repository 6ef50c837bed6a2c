/**
 * 停用 (issue 13.1): the secretary deactivates a member of their community, saying why. From then on the person can't
 * act there (every action refused, MEMBER_DEACTIVATED; who they are still answers), what they held unfinished goes
 * back to the pool with its resident told, nobody dispatches to them, and they are in no call list, duty list or
 * nearby announcement. A unit whose only person is deactivated can't be dispatched to. Restoring undoes it, the
 * reason kept. Deactivation is per community: 周建, deactivated in 桃源, still acts in 花园街.
 */
import { startRoomyTestServer, wishInput, type Client, type TestServer } from './harness';

let server: TestServer;
let secretary: Client;
let resident2: Client;
beforeAll(async () => {
  server = await startRoomyTestServer();
  secretary = await server.login('secretary');
  resident2 = await server.login('resident2');
  await secretary.ok('org', 'updateSettings', { settings: { maxOpenTasksPerHelper: 50 } });
});
afterAll(() => server?.stop());

const REASON = '多次爽约，暂停服务待核实';
const wishes = () => server.db.collection<any>('wishes');
const wishOf = async (id: string) => (await wishes().findOne({ _id: id }))!;
const seeded = async (title: string) => (await wishes().findOne({ title }))!;
const inboxOf = (userId: string, wishId: string) => server.db.collection<any>('messages').find({ userId, wishId }).toArray();
const open = async (by: Client, title: string, extra: Record<string, unknown> = {}) => {
  const { wish } = await by.ok('wishes', 'create', wishInput({ title }));
  await secretary.ok('dispatch', 'approve', { wishId: wish.id, ...extra });
  return wish.id as string;
};

describe('a deactivated volunteer', () => {
  let volunteer2: Client;
  let drain: any;
  beforeAll(async () => {
    volunteer2 = await server.login('volunteer2');
    // On duty at every hour, and asking to hear of urgent wishes at once.
    await volunteer2.ok('org', 'setDuty', { slots: [], urgentAlerts: true });
    drain = await seeded('卫生间下水道堵塞');
    expect(drain.claims.map((c: any) => c.claimerId)).toEqual([volunteer2.user.id]);
  });

  test('needs a reason, and only the community’s secretary may do it, never to themself', async () => {
    const noReason = await secretary.call('org', 'deactivate', { userId: volunteer2.user.id });
    expect(noReason.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect((await (await server.login('grid_worker')).call('org', 'deactivate', { userId: volunteer2.user.id, reason: REASON })).status).toBe(403);
    expect((await (await server.login('secretary2')).call('org', 'deactivate', { userId: volunteer2.user.id, reason: REASON })).body)
      .toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await secretary.call('org', 'deactivate', { userId: secretary.user.id, reason: REASON })).body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await volunteer2.ok('org', 'me')).user.memberships[0].deactivated).toBeUndefined();
  });

  test('before: they are on the call list and the duty list', async () => {
    const wishId = await open(resident2, '帮忙换灯泡');
    expect((await secretary.ok('dispatch', 'callList', { wishId })).helpers.map((h: any) => h.id)).toContain(volunteer2.user.id);
    expect((await secretary.ok('org', 'onDuty', {})).items.map((h: any) => h.id)).toContain(volunteer2.user.id);
  });

  test('their claim goes back to the pool with a timeline event, and the resident is told (never why)', async () => {
    const { member, vacated } = await secretary.ok('org', 'deactivate', { userId: volunteer2.user.id, reason: REASON });
    expect(member.deactivated).toMatchObject({ reason: REASON, by: secretary.user.id });
    expect(vacated).toBe(1);
    const after = await wishOf(drain._id);
    expect(after.status).toBe('open');
    expect(after.claims).toEqual([]);
    const last = after.events.at(-1);
    expect(last).toMatchObject({ action: 'vacate', from: 'claimed', to: 'open', actor: { kind: 'user', userId: secretary.user.id, role: 'secretary' } });
    expect(JSON.stringify(last)).not.toContain(REASON);
    const told = (await inboxOf(drain.ownerId, drain._id)).filter((m) => m.template === 'helper_withdrawn');
    expect(told).toHaveLength(1);
    expect(JSON.stringify(told[0])).not.toContain(REASON);
  });

  test('their existing token is refused for every action at once, saying why; who they are still answers', async () => {
    for (const [fn, action, data] of [
      ['tasks', 'nearby', { lng: 113.9935, lat: 31.2525, radiusM: 5000, limit: 50 }],
      ['tasks', 'mine', {}],
      ['wishes', 'create', wishInput({ title: '停用后想发心愿' })],
      ['org', 'setDuty', { slots: [], urgentAlerts: false }],
      ['notify', 'inbox', {}],
      ['stats', 'wall', {}],
    ] as const) {
      const r = await volunteer2.call(fn, action, data);
      expect(r.status).toBe(403);
      expect(r.body).toMatchObject({ ok: false, error: { code: 'MEMBER_DEACTIVATED', details: { communityId: 'com-taoyuan', reason: REASON } } });
      expect((r.body as any).error.message).toContain('桃源社区');
    }
    const { user } = await volunteer2.ok('org', 'me');
    expect(user.memberships[0].deactivated).toMatchObject({ reason: REASON });
    // Nothing else of theirs to switch to.
    expect((await volunteer2.call('org', 'actIn', { communityId: 'com-huayuanjie' })).body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  test('dispatch to them is refused naming why; they are off the call list, the duty list and urgent announcements', async () => {
    const wishId = await open(resident2, '帮忙拿快递');
    const r = await secretary.call('dispatch', 'assign', { wishId, assignTo: { kind: 'user', id: volunteer2.user.id } });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ ok: false, error: { code: 'ASSIGNEE_UNAVAILABLE', details: { reason: 'deactivated' } } });
    expect((r.body as any).error.message).toContain('停用');
    expect((await wishOf(wishId)).status).toBe('open');

    expect((await secretary.ok('dispatch', 'callList', { wishId })).helpers.map((h: any) => h.id)).not.toContain(volunteer2.user.id);
    expect((await secretary.ok('org', 'onDuty', {})).items.map((h: any) => h.id)).not.toContain(volunteer2.user.id);

    const volunteer = await server.login('volunteer');
    await volunteer.ok('org', 'setDuty', { slots: [], urgentAlerts: true });
    const urgent = await open(resident2, '老人摔倒需要人扶', { priority: 'urgent' });
    const heard = async (userId: string) => (await inboxOf(userId, urgent)).filter((m) => m.template === 'nearby_wish').length;
    expect(await heard(volunteer.user.id)).toBe(1);
    expect(await heard(volunteer2.user.id)).toBe(0);
  });

  test('the member list shows them stopped, with the reason; restoring lets them act again and keeps the history', async () => {
    const { items } = await secretary.ok('org', 'members', { q: volunteer2.user.name });
    expect(items[0]).toMatchObject({ user: { id: volunteer2.user.id }, deactivated: { reason: REASON } });

    const { member } = await secretary.ok('org', 'reactivate', { userId: volunteer2.user.id, reason: '已核实，恢复服务' });
    expect(member.deactivated).toBeUndefined();
    expect((await secretary.call('org', 'reactivate', { userId: volunteer2.user.id })).body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await volunteer2.call('tasks', 'mine', {})).status).toBe(200);
    const stored = (await server.db.collection<any>('users').findOne({ _id: volunteer2.user.id }))!.memberships[0];
    expect(stored.statusLog.map((c: any) => [c.active, c.reason])).toEqual([[false, REASON], [true, '已核实，恢复服务']]);
  });
});

test('a dispatch waiting for the member goes back to the pool; their finished part of a shared wish stays', async () => {
  const partyMember = await server.login('party_member');
  const volunteer = await server.login('volunteer');
  const waiting = await open(resident2, '帮忙修自行车', { assignTo: { kind: 'user', id: partyMember.user.id } });
  const shared = (await resident2.ok('wishes', 'create', wishInput({ title: '两人帮忙搬书柜', helpersNeeded: 2 }))).wish.id;
  await secretary.ok('dispatch', 'approve', { wishId: shared });
  await partyMember.ok('tasks', 'claim', { wishId: shared });
  await volunteer.ok('tasks', 'claim', { wishId: shared });
  await volunteer.ok('tasks', 'start', { wishId: shared });
  await volunteer.ok('tasks', 'complete', { wishId: shared, note: '我这边搬好了' });

  await secretary.ok('org', 'deactivate', { userId: partyMember.user.id, reason: REASON });
  const w = await wishOf(waiting);
  expect(w.status).toBe('open');
  expect(w.assignment).toBeUndefined();
  const s = await wishOf(shared);
  expect(s.status).toBe('open');
  expect(s.claims.map((c: any) => c.claimerId)).toEqual([volunteer.user.id]);
  expect(s.claims[0].completedAt).toBeDefined();
  await secretary.ok('org', 'reactivate', { userId: partyMember.user.id });
});

test('a unit whose only person (its admin) is deactivated can no longer be dispatched to, and can be again once restored', async () => {
  const committeeAdmin = await server.login('committee_admin');
  const wishId = await open(resident2, '楼道堆物需要清理');
  await secretary.ok('org', 'deactivate', { userId: committeeAdmin.user.id, reason: '调离居委会' });
  const r = await secretary.call('dispatch', 'assign', { wishId, assignTo: { kind: 'unit', id: 'unit-juweihui' } });
  expect(r.body).toMatchObject({ ok: false, error: { code: 'ASSIGNEE_UNAVAILABLE', details: { reason: 'unit_without_people' } } });
  expect((await wishOf(wishId)).status).toBe('open');
  await secretary.ok('org', 'reactivate', { userId: committeeAdmin.user.id });
  await secretary.ok('dispatch', 'assign', { wishId, assignTo: { kind: 'unit', id: 'unit-juweihui' } });
  expect((await wishOf(wishId)).status).toBe('assigned');
});

test('a handover to a deactivated unit member is refused naming why', async () => {
  const unitAdmin = await server.login('unit_admin');
  const unitMember = await server.login('unit_member');
  const wishId = await open(resident2, '帮忙测血糖', { assignTo: { kind: 'unit', id: 'unit-fuyou' } });
  await unitAdmin.ok('tasks', 'accept', { wishId });
  await secretary.ok('org', 'deactivate', { userId: unitMember.user.id, reason: REASON });
  const r = await unitAdmin.call('tasks', 'handover', { wishId, toUserId: unitMember.user.id });
  expect(r.body).toMatchObject({ ok: false, error: { code: 'ASSIGNEE_UNAVAILABLE', details: { reason: 'deactivated' } } });
  await secretary.ok('org', 'reactivate', { userId: unitMember.user.id });
});

test('deactivated in 桃源, 周建 still acts in 花园街 where he lives; he can’t switch back to 桃源 until restored', async () => {
  const zhou = await server.login('property_staff');
  await secretary.ok('org', 'deactivate', { userId: zhou.user.id, reason: '已从物业离职' });
  // He was acting in 桃源: refused there, but may move to where he is still active.
  const refused = await zhou.call('tasks', 'mine', {});
  expect(refused.body).toMatchObject({ ok: false, error: { code: 'MEMBER_DEACTIVATED' } });
  expect((refused.body as any).error.message).toContain('切换');
  const { user } = await zhou.ok('org', 'actIn', { communityId: 'com-huayuanjie' });
  expect(user).toMatchObject({ communityId: 'com-huayuanjie', roles: ['resident'] });
  const { wish } = await zhou.ok('wishes', 'create', wishInput({ title: '家里灯泡坏了', buildingId: undefined, address: '花园街12号' }));
  expect(wish.communityId).toBe('com-huayuanjie');
  expect((await zhou.call('org', 'actIn', { communityId: 'com-taoyuan' })).body).toMatchObject({ ok: false, error: { code: 'MEMBER_DEACTIVATED' } });
  // Nor does a 桃源 invite code let him back in: restoring is the secretary's.
  const { code } = await secretary.ok('org', 'invites', { role: 'volunteer' });
  expect((await zhou.call('org', 'acceptInvite', { code })).body).toMatchObject({ ok: false, error: { code: 'MEMBER_DEACTIVATED' } });
  expect((await server.db.collection<any>('invites').findOne({ code }))!.uses).toBe(0);
  // His choice stands for a new sign-in too.
  expect((await (await server.login('property_staff')).ok('org', 'me')).user.communityId).toBe('com-huayuanjie');
  await secretary.ok('org', 'reactivate', { userId: zhou.user.id });
  await zhou.ok('org', 'actIn', { communityId: 'com-taoyuan' });
});

describe('deactivation racing the member’s claim', () => {
  /** Both at once, many times: whichever lands first, the member never ends up holding the wish. */
  async function race(withRequestId: boolean) {
    const volunteer = await server.login('volunteer');
    const outcomes: string[] = [];
    for (let i = 0; i < 8; i++) {
      const wishId = await open(resident2, `赛跑心愿${withRequestId ? 'R' : 'P'}${i}`);
      const [claim] = await Promise.all([
        volunteer.call('tasks', 'claim', { wishId }, withRequestId ? `race-${i}-${Date.now()}` : undefined),
        secretary.ok('org', 'deactivate', { userId: volunteer.user.id, reason: REASON }),
      ]);
      outcomes.push(claim.body.ok ? 'ok' : claim.body.error.code);
      const w = await wishOf(wishId);
      expect(w.claims.filter((c: any) => c.claimerId === volunteer.user.id)).toEqual([]);
      expect(w.status).toBe('open');
      // A claim that got through was undone on the timeline, and the resident told; a refused one left nothing.
      if (w.events.some((e: any) => e.action === 'claim')) expect(w.events.at(-1).action).toBe('vacate');
      await secretary.ok('org', 'reactivate', { userId: volunteer.user.id });
    }
    for (const o of outcomes) expect(['ok', 'MEMBER_DEACTIVATED']).toContain(o);
  }
  test('a plain claim', () => race(false));
  test('a claim with a requestId (in its transaction)', () => race(true));
});

test('an invite accepted right after a 停用 in another community (the person read a moment before) leaves that 停用 standing', async () => {
  const huayuanjieSecretary = await server.login('secretary_hy');
  const zhou = await server.login('property_staff');
  await zhou.ok('org', 'actIn', { communityId: 'com-huayuanjie' });
  await zhou.ok('org', 'me');
  // 桃源 stops him through another gateway process, whose 停用 this process's caller cache does not hear of.
  const users = server.db.collection<any>('users');
  await users.updateOne({ _id: zhou.user.id, 'memberships.communityId': 'com-taoyuan' }, { $set: { 'memberships.$.deactivated': { at: new Date(), by: 'u-secretary', reason: '另一进程停用' } } });
  const { code } = await huayuanjieSecretary.ok('org', 'invites', { role: 'volunteer' });
  await zhou.ok('org', 'acceptInvite', { code });
  const memberships = (await users.findOne({ _id: zhou.user.id }))!.memberships;
  expect(memberships.find((m: any) => m.communityId === 'com-taoyuan').deactivated).toMatchObject({ reason: '另一进程停用' });
  expect(memberships.find((m: any) => m.communityId === 'com-huayuanjie').roles).toContain('volunteer');
  await users.updateOne({ _id: zhou.user.id, 'memberships.communityId': 'com-taoyuan' }, { $unset: { 'memberships.$.deactivated': '' } });
});
