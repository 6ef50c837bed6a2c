import { chinaDay, statHour } from '@shared';
import { rebuildCounters } from '../../cloudfunctions/_core/stats/rebuild';
import { COUNTERS_MARK, prepareCounters } from '../../cloudfunctions/_core/store/migrateCounters';
import { repositoriesOf } from '../../cloudfunctions/_core/store/repositories';
import { startTestServer, wishInput, type TestServer } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await (await server.login('secretary')).ok('org', 'updateSettings', { settings: { postsPerDay: 50 } });
});
afterAll(() => server?.stop());

const iso = (d: Date) => d.toISOString();
/** The China day `at` falls in, as a window of whole days (what the kept counters answer alone). */
const dayOf = (at: Date) => {
  const day = chinaDay(at);
  const from = new Date(`${day}T00:00:00+08:00`);
  return { from: iso(from), to: iso(new Date(from.getTime() + 86_400_000)) };
};
const repos = () => repositoriesOf(server.db);

/** A repair wish the volunteer finished (hours reported), waiting for the resident. */
async function doneWish(title: string, hours: number) {
  const resident = await server.login('resident');
  const volunteer = await server.login('volunteer');
  const { wish } = await resident.ok('wishes', 'create', wishInput({ title }));
  await (await server.login('secretary')).ok('dispatch', 'approve', { wishId: wish.id });
  await volunteer.ok('tasks', 'claim', { wishId: wish.id });
  await volunteer.ok('tasks', 'start', { wishId: wish.id });
  await volunteer.ok('tasks', 'complete', { wishId: wish.id, note: '已修好', hours });
  return { wishId: wish.id as string, resident, volunteer };
}

describe('every number counts its event on the day it happened, and a disputed completion counts nothing', () => {
  test('completed, disputed, completed again two days later, confirmed: the first day shows no completion, the later day one; overview, breakdown and leaderboard agree', async () => {
    const secretary = await server.login('secretary');
    server.clock.advanceHours(24 * 3);
    const firstDay = dayOf(server.clock.now());
    const { wishId, resident, volunteer } = await doneWish('厨房水管漏水', 1.5);
    const before = await secretary.ok('stats', 'overview', firstDay);
    expect(before).toMatchObject({ collected: 1, approved: 1, claimed: 1, completed: 1, confirmed: 0, serviceCount: 0 });

    await resident.ok('wishes', 'dispute', { wishId, reason: '还在漏' });
    // The disputed completion counts nothing: in the whole-day window (counters) and in an hour-exact one (events).
    expect(await secretary.ok('stats', 'overview', firstDay)).toMatchObject({ collected: 1, claimed: 1, completed: 0 });
    const sinceStart = { from: iso(new Date(Date.parse(firstDay.from) + 60_000)), to: iso(new Date(server.clock.now().getTime() + 60_000)) };
    expect(await secretary.ok('stats', 'overview', sinceStart)).toMatchObject({ completed: 0 });
    const cat = await secretary.ok('stats', 'breakdown', { by: 'category', ...firstDay });
    expect(cat.rows.find((r: any) => r.key === 'repair')).toMatchObject({ collected: 1, completed: 0 });

    server.clock.advanceHours(48);
    const laterDay = dayOf(server.clock.now());
    await volunteer.ok('tasks', 'complete', { wishId, note: '换了阀门', hours: 2 });
    await resident.ok('wishes', 'confirm', { wishId });

    expect(await secretary.ok('stats', 'overview', firstDay)).toMatchObject({ collected: 1, claimed: 1, completed: 0, confirmed: 0, serviceCount: 0 });
    const later = await secretary.ok('stats', 'overview', laterDay);
    // Posted and claimed two days before: this day has its completion, confirmation and the service with its hours.
    expect(later).toMatchObject({ collected: 0, claimed: 0, completed: 1, confirmed: 1, serviceCount: 1, serviceHours: 2, helpers: 1 });
    const laterCat = await secretary.ok('stats', 'breakdown', { by: 'category', ...laterDay });
    expect(laterCat.rows).toEqual([expect.objectContaining({ key: 'repair', collected: 0, completed: 1, confirmed: 1 })]);
    const grid = await secretary.ok('stats', 'breakdown', { by: 'grid', ...laterDay });
    expect(grid.rows.map((r: any) => [r.completed, r.confirmed])).toEqual([[1, 1]]);
    const board = await secretary.ok('stats', 'leaderboard', { kind: 'volunteer', metric: 'hours', ...laterDay });
    expect(board.rows).toEqual([expect.objectContaining({ id: volunteer.user.id, services: 1, hours: 2 })]);
    // A window of both days: the wish once per step.
    const both = await secretary.ok('stats', 'overview', { from: firstDay.from, to: laterDay.to });
    expect(both).toMatchObject({ collected: 1, approved: 1, claimed: 1, completed: 1, confirmed: 1, serviceCount: 1, serviceHours: 2 });
  });

  test("the volunteer's hours page and their certificate count the same confirmed services, and a finished but unconfirmed wish in neither", async () => {
    const volunteer = await server.login('volunteer');
    const { wishId, resident } = await doneWish('换灯泡', 1);
    const waiting = (await volunteer.ok('certificates', 'mine', {})).served;
    await resident.ok('wishes', 'confirm', { wishId });
    const served = (await volunteer.ok('certificates', 'mine', {})).served;
    expect(served.services).toBe(waiting.services + 1);
    expect(served.hours).toBeCloseTo(waiting.hours + 1, 5);
    const year = chinaDay(server.clock.now()).slice(0, 4);
    const cert = await volunteer.ok('certificates', 'issue', { from: `${Number(year) - 5}-01-01T00:00:00+08:00`, to: iso(new Date(server.clock.now().getTime() + 60_000)) });
    expect(cert.certificate).toMatchObject({ services: served.services, hours: served.hours });
  });
});

describe('kept counters and the rebuild', () => {
  test('after the seed and the steps above, every kept counter equals its recomputation from the events', async () => {
    const r = await rebuildCounters(repos());
    expect(r.wishes).toBeGreaterThan(10);
    expect(r.differences).toEqual([]);
  });

  test('a counter changed behind the events is reported with both values, and --fix sets it back', async () => {
    const [doc] = await server.db.collection('stat_counters').find({ grain: 'd' }).limit(1).toArray();
    await server.db.collection('stat_counters').updateOne({ _id: doc._id }, { $inc: { 'n.all._.collected': 5 } });
    const found = await rebuildCounters(repos());
    expect(found.differences).toEqual([{ id: doc._id, path: 'all._.collected', kept: (doc.n.all._.collected ?? 0) + 5, recomputed: doc.n.all._.collected ?? 0 }]);
    await rebuildCounters(repos(), { fix: true });
    expect((await rebuildCounters(repos())).differences).toEqual([]);
  });

  test('a window from half past an hour reads its whole hours from the day\'s hour counters, and only the half hour before them from the events', async () => {
    const secretary = await server.login('secretary');
    const resident = await server.login('resident');
    await resident.ok('wishes', 'create', wishInput({ title: '楼道灯不亮' }));
    const now = server.clock.now();
    const hourStart = Math.floor(now.getTime() / 3_600_000) * 3_600_000;
    // 09:30 to 11:00 when it is 10:xx: [09:30, 10:00) from the events, 10:00–11:00 from the hour counter.
    const window = { from: iso(new Date(hourStart - 1_800_000)), to: iso(new Date(hourStart + 3_600_000)) };
    const before = await secretary.ok('stats', 'overview', window);
    expect(before.collected).toBeGreaterThanOrEqual(1);
    const id = `com-taoyuan|${chinaDay(now)}`;
    await server.db.collection('stat_counters').updateOne({ _id: id } as never, { $inc: { [`h.${statHour(now)}.all._.collected`]: 5 } });
    expect((await secretary.ok('stats', 'overview', window)).collected).toBe(before.collected + 5);
    const found = await rebuildCounters(repos(), { fix: true });
    expect(found.differences).toEqual([{ id, path: `h.${statHour(now)}.all._.collected`, kept: expect.any(Number), recomputed: expect.any(Number) }]);
    expect(await secretary.ok('stats', 'overview', window)).toEqual(before);
  });

  test('service records from before confirmation was stamped are stamped from their wish at start, once, and then count', async () => {
    const { wishId, resident } = await doneWish('修门锁', 2.5);
    await resident.ok('wishes', 'confirm', { wishId });
    // As an older database holds them: confirmed wish, services without confirmedAt or grid.
    await server.db.collection('services').updateMany({ wishId }, { $unset: { confirmedAt: '', gridId: '' } });
    expect((await rebuildCounters(repos())).differences.length).toBeGreaterThan(0);
    await server.db.collection<{ _id: string }>('meta').deleteOne({ _id: COUNTERS_MARK });
    await prepareCounters(server.db);
    await prepareCounters(server.db);
    const [s] = await server.db.collection('services').find({ wishId }).toArray();
    expect(s.confirmedAt).toBeInstanceOf(Date);
    expect(s.gridId).toEqual(expect.any(String));
    expect((await rebuildCounters(repos())).differences).toEqual([]);
  });

  test('a confirmation whose write fails midway leaves nothing: the wish still waits, its services uncounted, the counters as the events say', async () => {
    const { wishId, resident } = await doneWish('疏通下水道', 1);
    // An update inside the confirmation's transaction (the counters' or the services' stamp) fails.
    await server.db.admin().command({ configureFailPoint: 'failCommand', mode: { times: 1 }, data: { failCommands: ['update'], errorCode: 2 } });
    const failed = await resident.call('wishes', 'confirm', { wishId });
    await server.db.admin().command({ configureFailPoint: 'failCommand', mode: 'off' });
    expect(failed.body.ok).toBe(false);
    expect((await resident.ok('wishes', 'detail', { wishId })).wish.status).toBe('done');
    expect((await server.db.collection('services').find({ wishId }).toArray()).map((s: any) => s.confirmedAt)).toEqual([undefined]);
    expect((await rebuildCounters(repos())).differences).toEqual([]);
    await resident.ok('wishes', 'confirm', { wishId });
    expect((await rebuildCounters(repos())).differences).toEqual([]);
  });
});
