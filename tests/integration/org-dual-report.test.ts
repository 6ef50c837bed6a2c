/**
 * 在职党员双报到 (issue 13.4) and the party tree's totals (issue 12.1): a party member of a co-building unit reports to
 * the community where they live; their service counts for their unit's branch (单位党支部) and their 楼栋党小组, and
 * rolls up the tree (楼栋党小组 → 小区党支部 → 社区党总支 → 镇党委) once, however many of their branches meet higher up.
 */
import { branchUnitKey, chinaDay, unitBranchOf, type BranchNode } from '@shared';
import { rebuildCounters } from '../../cloudfunctions/_core/stats/rebuild';
import { repositoriesOf } from '../../cloudfunctions/_core/store/repositories';
import { startTestServer, wishInput, type Client, type TestServer } from './harness';

let server: TestServer;
let secretary: Client;

beforeAll(async () => {
  server = await startTestServer();
  secretary = await server.login('secretary');
});
afterAll(async () => {
  await server?.stop();
});

type Counts = { services: number; hours: number; members: number; reported: number };
type Totals = { branches: { id: string; own: Counts; total: Counts }[]; units: { id: string; members: number; reported: number; services: number; hours: number }[] };
const branch = (t: Totals, id: string) => t.branches.find((b) => b.id === id)!;

const pick = (c: { services: number; hours: number }) => ({ services: c.services, hours: c.hours });

/**
 * The secretary's services recounted from the service records: each one confirmed in the window once for its party
 * branch and once for its unit's branch (once if the two are one), and once for its unit.
 */
async function recount(window: { from?: string; to?: string }) {
  const confirmedAt = { $exists: true, ...(window.from ? { $gte: new Date(window.from) } : {}), ...(window.to ? { $lt: new Date(window.to) } : {}) };
  const services = await server.db.collection('services').find({ communityId: 'com-taoyuan', confirmedAt }).toArray();
  const tree = (await server.db.collection('party_branches').find({}).toArray()).map(({ _id, ...b }) => ({ ...b, id: _id }) as unknown as BranchNode);
  const branches = new Map<string, { services: number; hours: number }>();
  const units = new Map<string, { services: number; hours: number }>();
  const add = (m: typeof branches, id: string, hours: number) => {
    const row = m.get(id) ?? { services: 0, hours: 0 };
    m.set(id, { services: row.services + 1, hours: Math.round((row.hours + hours) * 10) / 10 });
  };
  for (const s of services) {
    for (const id of new Set([s.partyBranchId, unitBranchOf(tree, s.unitId)?.id])) if (id) add(branches, id, s.hours);
    if (s.unitId) add(units, s.unitId, s.hours);
  }
  return { branches, units };
}

/** A wish of the resident's, approved, claimed, done and confirmed by `helper` with these hours. */
async function serve(helper: Client, hours: number, title: string): Promise<void> {
  const resident = await server.login('resident');
  const { wish } = await resident.ok('wishes', 'create', wishInput({ title }));
  await secretary.ok('dispatch', 'approve', { wishId: wish.id });
  await helper.ok('tasks', 'claim', { wishId: wish.id });
  await helper.ok('tasks', 'start', { wishId: wish.id });
  await helper.ok('tasks', 'complete', { wishId: wish.id, note: '已完成', hours });
  await resident.ok('wishes', 'confirm', { wishId: wish.id });
}

describe('在职党员双报到', () => {
  test('a unit’s party member reports to the 党小组 where they live; their service counts for both branches, and once up the tree', async () => {
    const before: Totals = await secretary.ok('stats', 'branches', {});
    // 彭卫国 works at 孝昌县妇幼保健院 (the secretary records the unit) and reports to G5栋党小组, where he lives.
    await secretary.ok('org', 'roles', { userId: 'u-party_member', roles: ['resident', 'party_member'], unitId: 'unit-fuyou', partyBranchId: null });
    const party = await server.login('party_member');
    const { member } = await party.ok('org', 'report', { partyBranchId: 'pb-taoyuan-g5' });
    expect(member).toMatchObject({ partyBranchId: 'pb-taoyuan-g5', unitId: 'unit-fuyou', reportedAt: expect.any(String) });

    await serve(party, 2, '帮忙换灯泡');
    const after: Totals = await secretary.ok('stats', 'branches', {});
    const gained = (id: string, key: 'own' | 'total') => ({
      services: branch(after, id)[key].services - branch(before, id)[key].services,
      hours: branch(after, id)[key].hours - branch(before, id)[key].hours,
    });
    // Both branches he is in: his unit's and where he lives.
    expect(gained('pb-fuyou', 'own')).toEqual({ services: 1, hours: 2 });
    expect(gained('pb-taoyuan-g5', 'own')).toEqual({ services: 1, hours: 2 });
    // Up the tree: the 小区党支部 over his 党小组; the 党总支 and 镇党委 over both branches count it once.
    expect(gained('pb-taoyuan-xq', 'total')).toEqual({ services: 1, hours: 2 });
    expect(gained('pb-taoyuan', 'total')).toEqual({ services: 1, hours: 2 });
    expect(gained('pb-huayuan', 'total')).toEqual({ services: 1, hours: 2 });
    expect(gained('pb-taoyuan', 'own')).toEqual({ services: 0, hours: 0 });

    // The secretary's 报到 counts, per branch and per unit.
    expect(branch(after, 'pb-taoyuan-g5').own).toMatchObject({ members: 1, reported: 1 });
    expect(branch(after, 'pb-fuyou').own).toMatchObject({ members: 1, reported: 1 });
    expect(branch(after, 'pb-taoyuan').total.reported).toBe(1);
    expect(after.units.find((u) => u.id === 'unit-fuyou')).toMatchObject({ members: 1, reported: 1 });
    const fuyouServices = (t: Totals) => t.units.find((u) => u.id === 'unit-fuyou')!.services;
    expect(fuyouServices(after) - fuyouServices(before)).toBe(1);
  });

  test("stats.branches reads the kept counters: every branch's own services and hours, and every unit's, are what the service records say, over the whole history and a window from 09:30", async () => {
    const party = await server.login('party_member');
    await serve(party, 1.5, '陪老人去卫生院');
    const now = server.clock.now();
    // 09:30 of the day before, China time, to a minute from now: the window starts inside a day.
    const since = new Date(Date.parse(`${chinaDay(now)}T09:30:00+08:00`) - 86_400_000);
    const windows = [{}, { from: since.toISOString(), to: new Date(now.getTime() + 60_000).toISOString() }];
    expect((await rebuildCounters(repositoriesOf(server.db))).differences).toEqual([]);
    for (const window of windows) {
      const totals: Totals = await secretary.ok('stats', 'branches', window);
      const { branches, units } = await recount(window);
      expect(branches.size).toBeGreaterThan(0);
      for (const b of totals.branches) expect({ id: b.id, ...pick(b.own) }).toEqual({ id: b.id, ...(branches.get(b.id) ?? { services: 0, hours: 0 }) });
      for (const u of totals.units) expect({ id: u.id, ...pick(u) }).toEqual({ id: u.id, ...(units.get(u.id) ?? { services: 0, hours: 0 }) });
    }
    // The counters are what it reads: one changed behind the records shows, until the rebuild sets it back.
    const month = `com-taoyuan|${chinaDay(now).slice(0, 7)}`;
    const own = async () => branch(await secretary.ok('stats', 'branches', {}), 'pb-taoyuan-g5').own.services;
    const kept = await own();
    await server.db.collection('stat_counters').updateOne({ _id: month } as never, { $inc: { [`n.branchUnit.${branchUnitKey('pb-taoyuan-g5', 'unit-fuyou')}.services`]: 1 } });
    expect(await own()).toBe(kept + 1);
    await rebuildCounters(repositoriesOf(server.db), { fix: true });
    expect(await own()).toBe(kept);
  });

  test('only a party member reports, and only to a branch of their community or its town committee', async () => {
    const volunteer = await server.login('volunteer');
    expect((await volunteer.call('org', 'report', { partyBranchId: 'pb-taoyuan-g5' })).body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const party = await server.login('party_member');
    for (const partyBranchId of ['pb-shizishan', 'pb-chengguan', 'nope']) {
      const r = await party.call('org', 'report', { partyBranchId });
      expect(r.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'partyBranchId' }] } } });
    }
    const users = server.db.collection<{ _id: string; memberships: { partyBranchId?: string }[] }>('users');
    expect((await users.findOne({ _id: 'u-party_member' }))!.memberships[0].partyBranchId).toBe('pb-taoyuan-g5');
  });

  test('the town sees the whole town’s tree; a volunteer sees none of it', async () => {
    const town = await server.login('town_admin');
    const totals: Totals = await town.ok('stats', 'branches', {});
    expect(totals.branches.map((b) => b.id)).toEqual(expect.arrayContaining(['pb-huayuan', 'pb-taoyuan', 'pb-fuyou']));
    expect(totals.branches.map((b) => b.id)).not.toContain('pb-shizishan');
    expect(branch(totals, 'pb-huayuan').total.services).toBeGreaterThanOrEqual(branch(totals, 'pb-taoyuan').total.services);
    const volunteer = await server.login('volunteer');
    expect((await volunteer.call('stats', 'branches', {})).body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
