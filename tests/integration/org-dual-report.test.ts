/**
 * 在职党员双报到 (issue 13.4) and the party tree's totals (issue 12.1): a party member of a co-building unit reports to
 * the community where they live; their service counts for their unit's branch (单位党支部) and their 楼栋党小组, and
 * rolls up the tree (楼栋党小组 → 小区党支部 → 社区党总支 → 镇党委) once, however many of their branches meet higher up.
 */
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
