/**
 * 统计看板's one read (stats.dashboard): the headline numbers, the trend, the category and grid charts, the two
 * leaderboards and the party tree in one reply, each part exactly what the read of its name says for the same
 * scope and window; refused to those the party tree is refused to, and a bad window changes nothing.
 */
import { DashboardLeaders } from '@shared/vocab/dashboard';
import { startTestServer, wishInput, type Client, type TestServer } from './harness';

let server: TestServer;
let secretary: Client;

beforeAll(async () => {
  server = await startTestServer();
  secretary = await server.login('secretary');
  await secretary.ok('org', 'updateSettings', { settings: { postsPerDay: 50 } });
  // A wish served and confirmed, so every part has something to say.
  const resident = await server.login('resident');
  const volunteer = await server.login('volunteer');
  const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '厨房水管漏水' }));
  await secretary.ok('dispatch', 'approve', { wishId: wish.id });
  await volunteer.ok('tasks', 'claim', { wishId: wish.id });
  await volunteer.ok('tasks', 'start', { wishId: wish.id });
  await volunteer.ok('tasks', 'complete', { wishId: wish.id, note: '已修好', hours: 1.5 });
  await resident.ok('wishes', 'confirm', { wishId: wish.id });
});
afterAll(() => server?.stop());

/** What the dashboard asked for before, one read per part. */
async function separately(who: Client, scope: Record<string, string>) {
  const rows = async (action: string, data: Record<string, unknown>) => (await who.ok('stats', action, { ...scope, ...data })).rows;
  return {
    overview: await who.ok('stats', 'overview', scope),
    byMonth: await rows('breakdown', { by: 'month' }),
    byCategory: await rows('breakdown', { by: 'category' }),
    byGrid: await rows('breakdown', { by: 'grid' }),
    topUnits: await rows('leaderboard', { kind: 'unit', limit: DashboardLeaders }),
    topVolunteers: await rows('leaderboard', { kind: 'volunteer', limit: DashboardLeaders }),
    branches: await who.ok('stats', 'branches', scope),
  };
}

test('the secretary’s dashboard says in one reply what the seven separate reads say, for all time and for a window', async () => {
  const all = await secretary.ok('stats', 'dashboard', {});
  expect(all).toEqual(await separately(secretary, {}));
  expect(all.overview).toMatchObject({ confirmed: expect.any(Number), serviceCount: expect.any(Number) });
  expect(all.overview.serviceCount).toBeGreaterThan(0);
  expect(all.byCategory.map((r: { key: string }) => r.key)).toContain('repair');
  expect(all.topVolunteers.length).toBeGreaterThan(0);
  expect(all.topVolunteers.length).toBeLessThanOrEqual(DashboardLeaders);

  const now = server.clock.now().getTime();
  const window = { from: new Date(now - 30 * 86_400_000).toISOString(), to: new Date(now + 60_000).toISOString() };
  expect(await secretary.ok('stats', 'dashboard', window)).toEqual(await separately(secretary, window));
});

test('a town admin reads the whole town or one community of it, and no other town’s community', async () => {
  const town = await server.login('town_admin');
  expect(await town.ok('stats', 'dashboard', {})).toEqual(await separately(town, {}));
  expect(await town.ok('stats', 'dashboard', { communityId: 'com-taoyuan' })).toEqual(await separately(town, { communityId: 'com-taoyuan' }));
  expect((await town.call('stats', 'dashboard', { communityId: 'com-shizishan' })).body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
});

test('a resident or a volunteer is refused, as the party tree is refused to them', async () => {
  for (const who of ['resident', 'volunteer']) {
    const client = await server.login(who);
    expect((await client.call('stats', 'dashboard', {})).body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await client.call('stats', 'branches', {})).body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  }
});

test('a window that ends before it starts, or a field it does not take, is refused with the field named', async () => {
  const backwards = await secretary.call('stats', 'dashboard', { from: '2026-11-02T00:00:00Z', to: '2026-11-01T00:00:00Z' });
  expect(backwards.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'to' }] } } });
  const extra = await secretary.call('stats', 'dashboard', { by: 'month' });
  expect(extra.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
});
