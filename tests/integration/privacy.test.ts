/**
 * The two leaks of issue 10 (issue 11 M1, M2), through the real functions: duplicate
 * hints never show a neighbour someone else's unreviewed or sensitive wish, and an
 * anonymous wish names its owner to nobody but the owner, staff and whoever holds it.
 */
import { startTestServer, wishInput, type Client, type TestServer } from './harness';

let server: TestServer;
let resident: Client;
let neighbour: Client;
let secretary: Client;
let gridWorker: Client;
let volunteer: Client;
let townAdmin: Client;
beforeAll(async () => {
  server = await startTestServer();
  [resident, neighbour, secretary, gridWorker, volunteer, townAdmin] = await Promise.all(
    ['resident', 'resident2', 'secretary', 'grid_worker', 'volunteer', 'town_admin'].map((k) => server.login(k)),
  );
  await secretary.ok('org', 'updateSettings', { settings: { postsPerDay: 50 } });
});
afterAll(() => server?.stop());

const NEXT_DOOR = { type: 'Point', coordinates: [113.9955, 31.2528] };
const idsOf = (reply: { items: { id: string }[] }) => reply.items.map((x) => x.id);

describe('wishes.similar shows a neighbour only what is public', () => {
  test('a wish pending review is its owner\'s and staff\'s only, until approved', async () => {
    const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '楼道扶手松了', category: 'daily_help' }));
    const ask = { category: 'daily_help', location: NEXT_DOOR };
    expect(idsOf(await neighbour.ok('wishes', 'similar', ask))).not.toContain(wish.id);
    expect(idsOf(await resident.ok('wishes', 'similar', ask))).toContain(wish.id);
    expect(idsOf(await secretary.ok('wishes', 'similar', ask))).toContain(wish.id);

    await secretary.ok('dispatch', 'reject', { wishId: wish.id, reason: '请补充具体楼层' });
    expect(idsOf(await neighbour.ok('wishes', 'similar', ask))).not.toContain(wish.id);
  });

  test('legal aid, mediation and health wishes are never hinted to other residents, approved or not', async () => {
    for (const category of ['legal_aid', 'mediation', 'health'] as const) {
      const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '儿子不付赡养费想起诉', category }));
      const ask = { category, location: NEXT_DOOR };
      expect(idsOf(await neighbour.ok('wishes', 'similar', ask))).not.toContain(wish.id);
      await secretary.ok('dispatch', 'approve', { wishId: wish.id });
      const hinted = await neighbour.ok('wishes', 'similar', ask);
      expect(idsOf(hinted)).not.toContain(wish.id);
      expect(JSON.stringify(hinted)).not.toContain('赡养费');
      // A volunteer posting for themself is a resident here too.
      expect(idsOf(await volunteer.ok('wishes', 'similar', ask))).not.toContain(wish.id);
      // Its owner and staff still see it, so nobody posts it twice.
      expect(idsOf(await resident.ok('wishes', 'similar', ask))).toContain(wish.id);
      expect(idsOf(await secretary.ok('wishes', 'similar', ask))).toContain(wish.id);
    }
  });

  test('the grid worker entering a wish for an elder is told of every similar one in the grid', async () => {
    const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '邻里纠纷需要调解', category: 'mediation' }));
    const made = await gridWorker.ok('dispatch', 'proxyCreate', {
      ...wishInput({ title: '楼上漏水邻居不配合', category: 'mediation', location: NEXT_DOOR }),
      channel: 'phone',
      beneficiary: { name: '李奶奶', phone: '13900001111' },
    });
    expect(made.similar.map((x: { id: string }) => x.id)).toContain(wish.id);
  });
});

describe('an anonymous wish does not name its owner to a volunteer before a claim', () => {
  test('the volunteer deciding whether to claim sees 匿名居民, nothing that identifies the owner', async () => {
    const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '想请人帮忙换灯泡', anonymous: true }));
    await secretary.ok('dispatch', 'approve', { wishId: wish.id });

    const seen = await volunteer.ok('wishes', 'detail', { wishId: wish.id });
    expect(seen.wish).not.toHaveProperty('ownerId');
    expect(seen.wish).not.toHaveProperty('ownerName');
    expect(seen.wish).not.toHaveProperty('createdBy');
    expect(seen.events[0]).toMatchObject({ action: 'create', actor: { kind: 'user', userId: 'anonymous' } });
    expect(seen.people.anonymous).toBe('匿名居民');
    const text = JSON.stringify(seen);
    expect(text).not.toContain('胡秀兰');
    expect(text).not.toContain('u-resident');
    expect(text).not.toContain('13807120001');

    // The town above reads it, but is not told who it is either.
    const town = JSON.stringify(await townAdmin.ok('wishes', 'detail', { wishId: wish.id }));
    expect(town).not.toContain('胡秀兰');
    expect(town).not.toContain('u-resident');

    // Staff know who it is; so does the volunteer once holding the claim.
    expect((await secretary.ok('wishes', 'detail', { wishId: wish.id })).wish).toMatchObject({ ownerId: 'u-resident', ownerName: '胡秀兰' });
    const claimed = await volunteer.ok('tasks', 'claim', { wishId: wish.id });
    expect(claimed.wish).toMatchObject({ ownerId: 'u-resident', ownerName: '胡秀兰', contactPhone: '13807120001' });
    const held = await volunteer.ok('wishes', 'detail', { wishId: wish.id });
    expect(held.people['u-resident']).toBe('胡秀兰');
    expect(held.events[0].actor.userId).toBe('u-resident');
  });

  test('a proxy entry shows the same masked name as owner and as beneficiary', async () => {
    const { wish } = await gridWorker.ok('dispatch', 'proxyCreate', {
      ...wishInput({ buildingId: 'bld-x1', title: '电饭煲坏了想请人看看', contactPhone: undefined }),
      channel: 'phone',
      beneficiary: { userId: 'u-elder', name: '李桂英', phone: '07194567890' },
      approveNow: true,
    });
    const seen = await volunteer.ok('wishes', 'detail', { wishId: wish.id });
    expect(seen.wish).toMatchObject({ ownerName: '李**', beneficiary: { name: '李**' } });
    expect(seen.wish.beneficiary.phone).not.toBe('07194567890');
    expect(seen.wish.beneficiary).not.toHaveProperty('userId');
    expect(JSON.stringify(seen)).not.toContain('李桂英');

    const anonymous = await gridWorker.ok('dispatch', 'proxyCreate', {
      ...wishInput({ buildingId: 'bld-x1', title: '想找人陪着聊聊天', category: 'companionship', contactPhone: undefined, anonymous: true }),
      channel: 'door_visit',
      beneficiary: { userId: 'u-elder', name: '李桂英', phone: '07194567890' },
      approveNow: true,
    });
    const hidden = await volunteer.ok('wishes', 'detail', { wishId: anonymous.wish.id });
    expect(hidden.wish.beneficiary.name).toBe('匿名居民');
    expect(JSON.stringify(hidden)).not.toMatch(/李桂英|李\*\*|u-elder/);
    // The grid worker who typed it in knows who it is.
    expect((await gridWorker.ok('wishes', 'detail', { wishId: anonymous.wish.id })).wish).toMatchObject({ ownerName: '李桂英', ownerId: 'u-elder' });
  });
});

describe("the helper's phone on the resident's wish", () => {
  test('the resident and staff get the claimer\'s number while the work goes on; the neighbour never, and nobody once confirmed', async () => {
    const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '请人帮忙搬一下柜子' }));
    await secretary.ok('dispatch', 'approve', { wishId: wish.id });
    expect((await resident.ok('wishes', 'detail', { wishId: wish.id })).phones).toEqual({});
    await volunteer.ok('tasks', 'claim', { wishId: wish.id });

    expect((await resident.ok('wishes', 'detail', { wishId: wish.id })).phones).toEqual({ 'u-volunteer': '13807120004' });
    expect((await secretary.ok('wishes', 'detail', { wishId: wish.id })).phones).toEqual({ 'u-volunteer': '13807120004' });
    // The helper has the resident's number (contactPhone), not their own echoed back; the town reads without ringing.
    expect((await volunteer.ok('wishes', 'detail', { wishId: wish.id })).phones).toEqual({});
    expect(JSON.stringify(await townAdmin.ok('wishes', 'detail', { wishId: wish.id }))).not.toContain('13807120004');

    await volunteer.ok('tasks', 'start', { wishId: wish.id });
    await volunteer.ok('tasks', 'complete', { wishId: wish.id, note: '柜子搬好了', hours: 1 });
    expect((await resident.ok('wishes', 'detail', { wishId: wish.id })).phones).toEqual({ 'u-volunteer': '13807120004' });
    await resident.ok('wishes', 'confirm', { wishId: wish.id });
    expect((await resident.ok('wishes', 'detail', { wishId: wish.id })).phones).toEqual({});
  });
});
