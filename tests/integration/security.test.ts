/**
 * Findings of the outside probe (issue 11) that are about who may reach what:
 * each refusal is a stable code and changes nothing.
 */
import { awayFromWindowEdge, startTestServer, wishInput, type TestServer } from './harness';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const invitesCount = () => server.db.collection('invites').countDocuments({});

describe('M3: an invite names only units and grids of the caller’s community', () => {
  test('a unit or grid of another community is refused and no code is made', async () => {
    const secretary = await server.login('secretary');
    const before = await invitesCount();
    const unit = await secretary.call('org', 'invites', { role: 'unit_admin', unitId: 'unit-yuanshaohui' });
    expect(unit.status).toBe(404);
    expect(unit.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const grid = await secretary.call('org', 'invites', { role: 'grid_worker', gridId: 'grid-xcy-1' });
    expect(grid.status).toBe(404);
    expect(grid.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await invitesCount()).toBe(before);
    // Its own community's unit and grid still work.
    await secretary.ok('org', 'invites', { role: 'unit_admin', unitId: 'unit-fuyou' });
    await secretary.ok('org', 'invites', { role: 'grid_worker', gridId: 'grid-taoyuan-1' });
  });

  test('tasks.mine lists only wishes of my community, whatever else names me', async () => {
    const volunteer = await server.login('volunteer');
    const wishes = server.db.collection<{ _id: string; communityId: string; assignment?: unknown; status: string }>('wishes');
    const other = await wishes.findOne({ communityId: 'com-shizishan', status: 'open' });
    expect(other).toBeTruthy();
    // However it came about (a stale unit id, a redeemed foreign invite), another community's wish naming me stays out.
    await wishes.updateOne(
      { _id: other!._id },
      { $set: { status: 'assigned', assignment: { target: { kind: 'user', id: volunteer.user.id }, by: 'x', at: new Date() } } },
    );
    try {
      const mine = await volunteer.ok('tasks', 'mine', { status: 'assigned' });
      expect(mine.items.map((w: any) => w.id)).not.toContain(other!._id);
      const all = await volunteer.ok('tasks', 'mine', {});
      expect(all.items.every((w: any) => w.communityId === 'com-taoyuan')).toBe(true);
    } finally {
      await wishes.updateOne({ _id: other!._id }, { $set: { status: 'open' }, $unset: { assignment: '' } });
    }
  });
});

describe('M3, every id an org action stores: the caller’s community’s, or refused with the field named', () => {
  const membershipOf = async (userId: string) => (await server.db.collection<{ _id: string; memberships: unknown[] }>('users').findOne({ _id: userId }))!.memberships;

  test('org.roles: a party branch, building, unit or grid of another community is refused and the member is unchanged', async () => {
    const secretary = await server.login('secretary');
    const before = await membershipOf('u-volunteer');
    for (const [field, id] of [['partyBranchId', 'pb-shizishan'], ['partyBranchId', 'pb-chengguan'], ['buildingId', 'bld-xcy-1'], ['unitId', 'unit-yuanshaohui']] as const) {
      const reply = await secretary.call('org', 'roles', { userId: 'u-volunteer', roles: ['resident', 'volunteer'], [field]: id });
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: field }] } } });
    }
    const grids = await secretary.call('org', 'roles', { userId: 'u-volunteer', roles: ['resident', 'grid_worker'], gridIds: ['grid-taoyuan-1', 'grid-xcy-1'] });
    expect(grids.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'gridIds' }] } } });
    expect(await membershipOf('u-volunteer')).toEqual(before);
    // The community's own branch, and the town committee above it, are fine.
    for (const partyBranchId of ['pb-taoyuan-g5', 'pb-huayuan']) {
      const { member } = await secretary.ok('org', 'roles', { userId: 'u-volunteer', roles: ['resident', 'volunteer'], partyBranchId, buildingId: 'bld-g3' });
      expect(member.partyBranchId).toBe(partyBranchId);
    }
    await secretary.ok('org', 'roles', { userId: 'u-volunteer', roles: ['resident', 'volunteer'], partyBranchId: null });
  });

  test('org.saveGrid: a building of another community is refused and the grid is unchanged', async () => {
    const secretary = await server.login('secretary');
    const grids = server.db.collection<{ _id: string }>('grids');
    const before = await grids.findOne({ _id: 'grid-taoyuan-1' });
    const reply = await secretary.call('org', 'saveGrid', { id: 'grid-taoyuan-1', name: '桃源小区一网格', buildingIds: ['bld-g1', 'bld-xcy-1'] });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'buildingIds' }] } } });
    expect(await grids.findOne({ _id: 'grid-taoyuan-1' })).toEqual(before);
    expect(await server.db.collection('buildings').findOne({ _id: 'bld-xcy-1' as never })).toMatchObject({ gridId: 'grid-xcy-1' });
  });
});

describe('M4, the rule: reading codes is never a way to a role', () => {
  const invite = (code: string) => server.db.collection('invites').findOne({ code });

  test('a secretary, who reads every code, redeems none', async () => {
    const secretary = await server.login('secretary');
    const made = await secretary.ok('org', 'invites', { role: 'grid_worker', gridId: 'grid-taoyuan-1' });
    const reply = await secretary.call('org', 'acceptInvite', { code: made.code });
    expect(reply.status).toBe(403);
    expect(await invite(made.code)).toMatchObject({ uses: 0 });
    expect((await secretary.ok('org', 'me', {})).user.roles).not.toContain('grid_worker');
  });

  test('nobody redeems a code they made: a unit admin does not make itself a party member', async () => {
    const unitAdmin = await server.login('unit_admin');
    const made = await unitAdmin.ok('org', 'invites', { role: 'party_member' });
    const reply = await unitAdmin.call('org', 'acceptInvite', { code: made.code });
    expect(reply.status).toBe(403);
    expect(reply.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await invite(made.code)).toMatchObject({ uses: 0 });
    expect((await unitAdmin.ok('org', 'me', {})).user.roles).toEqual(['unit_admin']);
  });

  test('a town admin cannot ask to join either', async () => {
    const town = await server.login('town_admin');
    const reply = await town.call('org', 'requestJoin', { communityId: 'com-taoyuan', name: '花园镇办', roles: ['volunteer'] });
    expect(reply.status).toBe(403);
    expect(await server.db.collection('join_requests').countDocuments({ userId: town.user.id })).toBe(0);
  });
});

describe('M4: a town admin reads invites but cannot redeem one', () => {
  test('listInvites shows it codes masked', async () => {
    const secretary = await server.login('secretary');
    const made = await secretary.ok('org', 'invites', { role: 'grid_worker', gridId: 'grid-taoyuan-1' });
    const town = await server.login('town_admin');
    const listed = await town.ok('org', 'listInvites', { communityId: 'com-taoyuan' });
    expect(listed.items.length).toBeGreaterThan(0);
    expect(listed.items.map((i: any) => i.code)).not.toContain(made.code);
    expect(listed.items.every((i: any) => /^[A-Z0-9]{2}\*+$/.test(i.code))).toBe(true);
    // The secretary still sees the codes whole.
    const own = await secretary.ok('org', 'listInvites', {});
    expect(own.items.map((i: any) => i.code)).toContain(made.code);
  });

  test('acceptInvite refuses it a community role and changes nothing', async () => {
    const secretary = await server.login('secretary');
    const made = await secretary.ok('org', 'invites', { role: 'grid_worker', gridId: 'grid-taoyuan-1', maxUses: 3 });
    const town = await server.login('town_admin');
    const reply = await town.call('org', 'acceptInvite', { code: made.code });
    expect(reply.status).toBe(403);
    expect(reply.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const me = await town.ok('org', 'me', {});
    expect(me.user.roles).toEqual(['town_admin']);
    const invite = await server.db.collection('invites').findOne({ code: made.code });
    expect(invite).toMatchObject({ uses: 0 });
    const queue = await town.call('dispatch', 'queue', {});
    expect(queue.status).toBe(403);
  });
});

describe('L2: dispatch.queue narrows, never widens', () => {
  test('a grid worker cannot read another grid', async () => {
    const grid = await server.login('grid_worker');
    const other = await grid.call('dispatch', 'queue', { gridId: 'grid-taoyuan-1' });
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const own = await grid.ok('dispatch', 'queue', { gridId: 'grid-taoyuan-2' });
    expect(own.items.every((w: any) => w.gridId === 'grid-taoyuan-2')).toBe(true);
  });

  test('a secretary reads any grid of the community, not another community’s', async () => {
    const secretary = await server.login('secretary');
    await secretary.ok('dispatch', 'queue', { gridId: 'grid-taoyuan-1' });
    const foreign = await secretary.call('dispatch', 'queue', { gridId: 'grid-xcy-1' });
    expect(foreign.status).toBe(403);
  });
});

describe('H1: distances do not give a home away', () => {
  test('nearby and similar from many points answer alike for two homes ~130 m apart in one cell', async () => {
    const secretary = await server.login('secretary');
    await secretary.ok('org', 'updateSettings', { settings: { postsPerDay: 50 } });
    const resident = await server.login('resident');
    const homes = [[113.99455, 31.25255], [113.99545, 31.25345]]; // both coarsen to 113.995, 31.253
    const ids: string[] = [];
    for (const [i, coordinates] of homes.entries()) {
      const { wish } = await resident.ok('wishes', 'create', wishInput({ title: `楼道灯坏了${i}`, category: 'daily_help', location: { type: 'Point', coordinates } }));
      await secretary.ok('dispatch', 'approve', { wishId: wish.id });
      ids.push(wish.id);
    }
    const volunteer = await server.login('volunteer');
    const neighbour = await server.login('resident2');
    const probes = [[113.9935, 31.2525], [113.9962, 31.2541], [113.9949, 31.2512], [113.9931, 31.2550], [113.9960, 31.2520]];
    for (const [lng, lat] of probes) {
      const nearby = await volunteer.ok('tasks', 'nearby', { lng, lat, radiusM: 2000, limit: 50 });
      const d = ids.map((id) => nearby.items.find((x: any) => x.id === id)?.distanceM);
      expect(d[0]).toBeDefined();
      expect(d[0]).toBe(d[1]);
      expect(d[0] % 100).toBe(0);
      const similar = await neighbour.ok('wishes', 'similar', { category: 'daily_help', location: { type: 'Point', coordinates: [lng, lat] } });
      const s = ids.map((id) => similar.items.find((x: any) => x.id === id)?.distanceM);
      expect(s[0]).toBe(s[1]);
    }
  });
});

describe('M5: the rate limit is per verified user, else per address', () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer({ config: { rateLimitPerMinute: 5 } as never });
  });
  afterAll(() => limited?.stop());

  const hit = (headers: Record<string, string>) =>
    fetch(`${limited.url}/api/fn/stats`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ action: 'wall', data: {} }) }).then((r) => r.status);

  test('each signed-in person has a budget of their own', async () => {
    const a = await limited.login('volunteer');
    const b = await limited.login('resident');
    await awayFromWindowEdge(); // the budget is per minute: the six requests must fall in one
    for (let i = 0; i < 5; i++) expect(await hit({ authorization: `Bearer ${a.token}` })).not.toBe(429);
    expect(await hit({ authorization: `Bearer ${a.token}` })).toBe(429);
    expect(await hit({ authorization: `Bearer ${b.token}` })).not.toBe(429);
  });

  test('a junk Authorization or a new X-Forwarded-For per request buys no new budget', async () => {
    const statuses: number[] = [];
    await awayFromWindowEdge();
    for (let i = 0; i < 8; i++) statuses.push(await hit({ authorization: `Bearer junk${i}`, 'x-forwarded-for': `10.0.0.${i}` }));
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
  });
});

describe('M6: a requestId whose run was left by a crash does not hold the client up', () => {
  // The kills themselves, mid-write, are in crash.test.ts; these are the records a crash leaves.
  const runs = () => server.db.collection<{ _id: string; owner: string; leaseUntil: Date; createdAt: Date }>('request_runs');
  /** The run record of a process killed while running the key, its lease running out in `leaseLeftMs`. */
  const deadRun = (key: string, leaseLeftMs: number) =>
    runs().insertOne({ _id: key, owner: 'killed-process', leaseUntil: new Date(Date.now() + leaseLeftMs), createdAt: new Date() });

  test('a run whose heartbeat stopped is taken over: at once past its lease, within the wait inside it, never 409', async () => {
    const secretary = await server.login('secretary');
    const resident = await server.login('resident');
    await secretary.ok('org', 'updateSettings', { settings: { postsPerDay: 50 } });

    const lapsed = (await resident.ok('wishes', 'create', wishInput({ title: '门锁坏了要修' }))).wish;
    await deadRun(`dispatch.approve:${secretary.user.id}:crashed-lapsed`, -1);
    let t = Date.now();
    const retried = await secretary.call('dispatch', 'approve', { wishId: lapsed.id }, 'crashed-lapsed');
    expect(retried.data.wish.status).toBe('open');
    expect(Date.now() - t).toBeLessThan(1_000);
    // And from then on the same reply.
    expect((await secretary.call('dispatch', 'approve', { wishId: lapsed.id }, 'crashed-lapsed')).body).toEqual(retried.body);

    const live = (await resident.ok('wishes', 'create', wishInput({ title: '水管漏水要修' }))).wish;
    await deadRun(`dispatch.approve:${secretary.user.id}:crashed-just-now`, 1_500);
    t = Date.now();
    const waited = await secretary.call('dispatch', 'approve', { wishId: live.id }, 'crashed-just-now');
    expect(waited.data.wish.status).toBe('open');
    expect(Date.now() - t).toBeGreaterThanOrEqual(1_400);
    const detail = await resident.ok('wishes', 'detail', { wishId: live.id });
    expect(detail.events.filter((e: any) => e.action === 'approve')).toHaveLength(1);
    expect(await runs().countDocuments({ _id: { $in: [`dispatch.approve:${secretary.user.id}:crashed-just-now`] } })).toBe(0);
  });

  test('a twin still running past the wait is told 503 UNAVAILABLE, which the client retries with the key, not a final 409', async () => {
    const resident = await server.login('resident');
    await deadRun(`wishes.create:${resident.user.id}:live-elsewhere`, 60_000);
    const twin = await resident.call('wishes', 'create', wishInput({ title: '另一台服务器还在处理' }), 'live-elsewhere');
    expect(twin.status).toBe(503);
    expect(twin.body).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE', message: expect.stringContaining('正在处理中') } });
  });

  test('a record left `running` in requests (before runs had their own records) holds nothing', async () => {
    const resident = await server.login('resident');
    const key = `wishes.create:${resident.user.id}:legacy-running`;
    await server.db.collection<{ _id: string }>('requests').insertOne({ _id: key, state: 'running', createdAt: new Date(), leaseUntil: new Date(Date.now() + 30_000) } as never);
    const created = await resident.call('wishes', 'create', wishInput({ title: '旧记录不挡路' }), 'legacy-running');
    expect(created.data.wish.status).toBe('pending_review');
    expect(await server.db.collection<{ _id: string }>('requests').findOne({ _id: key })).toMatchObject({ state: 'done' });
  });
});
