import { startRoomyTestServer, wishInput, type Client, type TestServer } from './harness';

/**
 * 一键呼叫 (issue 13.1): staff opening an urgent wish see whom to phone while the system waits —
 * the helpers who could take it, on duty first and then nearest, none at their task limit; the grid
 * worker of its grid; the contact of the unit it went to. Phones only for the community's staff.
 */
let server: TestServer;
let secretary: Client;
let volunteer: Client;
let volunteer2: Client;
beforeAll(async () => {
  server = await startRoomyTestServer();
  secretary = await server.login('secretary');
  volunteer = await server.login('volunteer');
  volunteer2 = await server.login('volunteer2');
});
afterAll(() => server?.stop());

function chinaWeekdayNow(): number {
  const d = new Date(server.clock.now().getTime() + 8 * 3_600_000).getUTCDay();
  return d === 0 ? 7 : d;
}

async function urgentWishFor(title: string, assignTo?: { kind: 'user' | 'unit'; id: string }) {
  const { wish } = await (await server.login('resident')).ok('wishes', 'create', wishInput({ title }));
  await secretary.ok('dispatch', 'approve', { wishId: wish.id, priority: 'urgent', ...(assignTo ? { assignTo } : {}) });
  return wish.id as string;
}

test('the secretary sees helpers on duty first, then the nearest, with phones; the grid worker; the unit contact', async () => {
  // 张晓东 (G3栋) is on duty any time; 刘佳 (G4栋) and 彭卫国 (G5栋, the wish's building) serve every day but today.
  const notToday = { slots: [{ days: [1, 2, 3, 4, 5, 6, 7].filter((d) => d !== chinaWeekdayNow()), from: '00:00', to: '23:59' }], urgentAlerts: true };
  await volunteer.ok('org', 'setDuty', { slots: [], urgentAlerts: true });
  await volunteer2.ok('org', 'setDuty', notToday);
  await (await server.login('party_member')).ok('org', 'setDuty', notToday);
  const wishId = await urgentWishFor('楼上掉落酒瓶砸伤老人', { kind: 'unit', id: 'unit-fuyou' });

  const list = await secretary.ok('dispatch', 'callList', { wishId });
  const names = list.helpers.map((h: any) => h.name);
  expect(names[0]).toBe('张晓东');
  expect(list.helpers[0]).toMatchObject({ onDuty: true, phone: '13807120004', roles: ['volunteer'] });
  // Off duty, nearest first: 彭卫国 lives in the wish's building, 刘佳 one building away.
  expect(names.indexOf('彭卫国')).toBeLessThan(names.indexOf('刘佳'));
  const peng = list.helpers.find((h: any) => h.name === '彭卫国');
  expect(peng).toMatchObject({ onDuty: false, distanceM: 0, phone: '13807120005' });
  // Neither the resident the wish is for nor the secretary asking is on their own list.
  expect(names).not.toContain('胡秀兰');
  expect(names).not.toContain('彭书记');
  expect(list.gridWorker).toEqual({ id: expect.any(String), name: '陈志强', phone: '13807120008', gridName: '桃源第二网格' });
  expect(list.unit).toEqual({ id: 'unit-fuyou', name: '孝昌县妇幼保健院', contactName: '王院长', contactPhone: '13971100001' });
  expect(list.radiusM).toBe(3000);
});

test('a helper already holding the community\'s maximum of unfinished wishes is not offered', async () => {
  const before = await secretary.ok('dispatch', 'callList', { wishId: await urgentWishFor('需要人陪同去医院') });
  const liu = before.helpers.find((h: any) => h.name === '刘佳');
  expect(liu).toBeDefined();
  // One more wish and 刘佳 is at the limit.
  await secretary.ok('org', 'updateSettings', { settings: { maxOpenTasksPerHelper: liu.load + 1 } });
  try {
    await volunteer2.ok('tasks', 'claim', { wishId: await urgentWishFor('帮忙买药送上门') });
    const list = await secretary.ok('dispatch', 'callList', { wishId: await urgentWishFor('独居老人家中跌倒') });
    expect(list.maxOpenTasks).toBe(liu.load + 1);
    expect(list.helpers.map((h: any) => h.name)).not.toContain('刘佳');
    for (const h of list.helpers) expect(h.load).toBeLessThan(list.maxOpenTasks);
  } finally {
    await secretary.ok('org', 'updateSettings', { settings: { maxOpenTasksPerHelper: 3 } });
  }
});

test('the grid worker of the wish\'s grid may ring the same people; helpers, the town and another community may not ask', async () => {
  const wishId = await urgentWishFor('燃气味道很重');
  const grid = await (await server.login('grid_worker')).ok('dispatch', 'callList', { wishId });
  expect(grid.helpers.length).toBeGreaterThan(0);
  for (const h of grid.helpers) expect(h.phone).toMatch(/^\d{11}$/);
  expect(grid.unit).toBeNull();

  expect((await volunteer.call('dispatch', 'callList', { wishId })).status).toBe(403);
  expect((await (await server.login('town_admin')).call('dispatch', 'callList', { wishId })).status).toBe(403);
  const elsewhere = await (await server.login('secretary2')).call('dispatch', 'callList', { wishId });
  expect(elsewhere.status).toBe(404);
  expect(JSON.stringify(elsewhere.body)).not.toContain('138071200');
});

test('a grid worker whose role the secretary took away is no longer the grid’s contact, though the grid still names them', async () => {
  const gridWorker = await server.login('grid_worker');
  const users = server.db.collection<any>('users');
  const before = (await users.findOne({ _id: gridWorker.user.id }))!.memberships.find((m: any) => m.communityId === 'com-taoyuan');
  const wishId = await urgentWishFor('楼道灯全灭了');
  expect((await secretary.ok('dispatch', 'callList', { wishId })).gridWorker).toMatchObject({ name: '陈志强' });
  await secretary.ok('org', 'roles', { userId: gridWorker.user.id, roles: ['resident'] });
  try {
    expect((await server.db.collection<any>('grids').findOne({ name: '桃源第二网格' }))!.gridWorkerId).toBe(gridWorker.user.id);
    const list = await secretary.ok('dispatch', 'callList', { wishId });
    expect(list.gridWorker?.name).not.toBe('陈志强');
    expect(JSON.stringify(list)).not.toContain('13807120008');
  } finally {
    await secretary.ok('org', 'roles', { userId: gridWorker.user.id, roles: before.roles, gridIds: before.gridIds ?? [] });
  }
  expect((await secretary.ok('dispatch', 'callList', { wishId })).gridWorker).toMatchObject({ name: '陈志强' });
});
