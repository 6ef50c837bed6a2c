/**
 * 停用 reaches everything the membership touched (issue 13, the gaps left open): the places a town-level unit's member
 * held in the town's other communities; the dispatches waiting for a unit whose last active person was stopped (back
 * to the community's queue, its secretary told); the party tree's 报到 counts; a grid named theirs. And nobody is
 * handed the wish they are helped by, as nobody is dispatched it.
 */
import { wishInput, type Client, type TestServer } from './harness';
import { unitScene } from './unitScene';

let server: TestServer;
let secretary: Client;
let neighbourSecretary: Client;
let town: Client;
let resident: Client;
let unitAdmin: Client;
let unitMember: Client;
beforeAll(async () => {
  ({ server, secretary, neighbourSecretary, town, resident, unitAdmin, unitMember } = await unitScene());
});
afterAll(() => server?.stop());

const REASON = '调离本单位，暂停服务';
const wishOf = async (id: string) => (await server.db.collection<any>('wishes').findOne({ _id: id }))!;
const inboxOf = (userId: string, wishId: string, template: string) =>
  server.db.collection<any>('messages').find({ userId, wishId, template }).toArray();

/** A wish of 桃源's resident, approved (to `assignTo` when given). */
async function approved(title: string, extra: Record<string, unknown> = {}): Promise<string> {
  const { wish } = await resident.ok('wishes', 'create', wishInput({ title }));
  await secretary.ok('dispatch', 'approve', { wishId: wish.id, ...extra });
  return wish.id;
}

/** A wish of 桃源 the town moved to 花园街 and sent to 孝昌县妇幼保健院 (a county-level unit registered in 桃源). */
async function sentToFuyouInHuayuanjie(title: string): Promise<string> {
  const wishId = await approved(title);
  await town.ok('dispatch', 'reassign', { wishId, toCommunityId: 'com-huayuanjie' });
  await town.ok('dispatch', 'townAssign', { wishId, unitId: 'unit-fuyou' });
  return wishId;
}

describe('a town-level unit’s member, deactivated where the unit is registered', () => {
  test('the place they were handed in another community of the town goes back to that community’s pool, its secretary told', async () => {
    const wishId = await sentToFuyouInHuayuanjie('老人家中漏水需要维修');
    await unitAdmin.ok('tasks', 'accept', { wishId });
    await unitAdmin.ok('tasks', 'handover', { wishId, toUserId: unitMember.user.id });
    expect((await wishOf(wishId)).claims.map((c: any) => c.assigneeId)).toEqual([unitMember.user.id]);

    const { vacated } = await secretary.ok('org', 'deactivate', { userId: unitMember.user.id, reason: REASON });
    const w = await wishOf(wishId);
    expect([w.communityId, w.status, w.claims]).toEqual(['com-huayuanjie', 'open', []]);
    // 桃源's secretary has no say in 花园街: the system's step, on that wish's timeline.
    expect(w.events.at(-1)).toMatchObject({ action: 'vacate', from: 'claimed', to: 'open', actor: { kind: 'system' } });
    expect(vacated).toBeGreaterThanOrEqual(1);
    expect(await inboxOf(resident.user.id, wishId, 'helper_withdrawn')).toHaveLength(1);
    const [told] = await inboxOf(neighbourSecretary.user.id, wishId, 'work_returned');
    expect(told.body).toContain('已停用');
    expect(JSON.stringify(told)).not.toContain(REASON);
    await secretary.ok('org', 'reactivate', { userId: unitMember.user.id });
  });

  test('their unit admin keeps the unit’s place elsewhere: only what was theirs goes', async () => {
    const wishId = await sentToFuyouInHuayuanjie('需要上门测血糖');
    await unitAdmin.ok('tasks', 'accept', { wishId });
    await secretary.ok('org', 'deactivate', { userId: unitMember.user.id, reason: REASON });
    const w = await wishOf(wishId);
    expect([w.status, w.claims.map((c: any) => c.assigneeId)]).toEqual(['claimed', [unitAdmin.user.id]]);
    await secretary.ok('org', 'reactivate', { userId: unitMember.user.id });
  });
});

describe('a unit whose last active person is deactivated', () => {
  test('its dispatches nobody accepted go back to the queue of their community, here and elsewhere in the town; the secretary is told', async () => {
    const here = await approved('帮忙修理楼道门禁', { assignTo: { kind: 'unit', id: 'unit-fuyou' } });
    const there = await sentToFuyouInHuayuanjie('需要上门送药');
    // One of its two people stopped: the unit can still accept, so nothing moves.
    await secretary.ok('org', 'deactivate', { userId: unitMember.user.id, reason: REASON });
    expect((await wishOf(here)).status).toBe('assigned');

    await secretary.ok('org', 'deactivate', { userId: unitAdmin.user.id, reason: REASON });
    const h = await wishOf(here);
    expect([h.status, h.assignment]).toEqual(['open', undefined]);
    expect(h.events.at(-1)).toMatchObject({
      action: 'vacate', from: 'assigned', to: 'open', actor: { kind: 'user', userId: secretary.user.id }, meta: { withdrawnUnitId: 'unit-fuyou' },
    });
    const [told] = await inboxOf(secretary.user.id, here, 'work_returned');
    expect(told.body).toContain('孝昌县妇幼保健院无在岗人员');
    expect(await inboxOf(resident.user.id, here, 'helper_withdrawn')).toHaveLength(1);

    const t = await wishOf(there);
    expect([t.communityId, t.status, t.assignment]).toEqual(['com-huayuanjie', 'open', undefined]);
    expect(t.events.at(-1)).toMatchObject({ action: 'vacate', from: 'assigned', actor: { kind: 'system' } });
    expect(await inboxOf(neighbourSecretary.user.id, there, 'work_returned')).toHaveLength(1);

    // Restored, the unit is dispatched to again; what went back stays in the pool until someone sends it.
    await secretary.ok('org', 'reactivate', { userId: unitAdmin.user.id });
    await secretary.ok('org', 'reactivate', { userId: unitMember.user.id });
    expect((await wishOf(here)).status).toBe('open');
    await secretary.ok('dispatch', 'assign', { wishId: here, assignTo: { kind: 'unit', id: 'unit-fuyou' } });
    expect((await wishOf(here)).status).toBe('assigned');
  });
});

test('报到 counts: a deactivated party member counts neither as a member nor as reported, per branch and per unit, until restored', async () => {
  await secretary.ok('org', 'roles', { userId: 'u-party_member', roles: ['resident', 'party_member'], unitId: 'unit-fuyou', partyBranchId: null });
  const party = await server.login('party_member');
  await party.ok('org', 'report', { partyBranchId: 'pb-taoyuan-g5' });
  type Totals = { branches: { id: string; own: { members: number; reported: number } }[]; units: { id: string; members: number; reported: number }[] };
  const counts = async () => {
    const t: Totals = await secretary.ok('stats', 'branches', {});
    return {
      g5: t.branches.find((b) => b.id === 'pb-taoyuan-g5')!.own,
      fuyouBranch: t.branches.find((b) => b.id === 'pb-fuyou')!.own,
      fuyou: t.units.find((u) => u.id === 'unit-fuyou')!,
    };
  };
  const before = await counts();
  expect(before.g5).toMatchObject({ members: 1, reported: 1 });

  await secretary.ok('org', 'deactivate', { userId: party.user.id, reason: REASON });
  const stopped = await counts();
  expect(stopped.g5).toMatchObject({ members: before.g5.members - 1, reported: before.g5.reported - 1 });
  expect(stopped.fuyouBranch).toMatchObject({ members: before.fuyouBranch.members - 1, reported: before.fuyouBranch.reported - 1 });
  expect({ members: stopped.fuyou.members, reported: stopped.fuyou.reported }).toEqual({ members: before.fuyou.members - 1, reported: before.fuyou.reported - 1 });

  await secretary.ok('org', 'reactivate', { userId: party.user.id });
  expect(await counts()).toEqual(before);
});

describe('whom work may be given to', () => {
  test('a deactivated member can’t be named a grid’s worker (the grid keeps its worker); restored, they can', async () => {
    const volunteer2 = await server.login('volunteer2');
    const grid = async () => (await server.db.collection<any>('grids').findOne({ _id: 'grid-taoyuan-2' }))!;
    const { name, gridWorkerId } = await grid();
    await secretary.ok('org', 'deactivate', { userId: volunteer2.user.id, reason: REASON });
    const r = await secretary.call('org', 'saveGrid', { id: 'grid-taoyuan-2', name, gridWorkerId: volunteer2.user.id });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ ok: false, error: { code: 'ASSIGNEE_UNAVAILABLE', details: { reason: 'deactivated', fields: [{ path: 'gridWorkerId' }] } } });
    expect((r.body as any).error.message).toContain('不能担任网格员');
    expect((await grid()).gridWorkerId).toBe(gridWorkerId);

    await secretary.ok('org', 'reactivate', { userId: volunteer2.user.id });
    await secretary.ok('org', 'saveGrid', { id: 'grid-taoyuan-2', name, gridWorkerId: volunteer2.user.id });
    expect((await grid()).gridWorkerId).toBe(volunteer2.user.id);
  });

  test('a unit admin can’t hand the unit’s claim to the member who asked for the wish, with the sentence a dispatch to them gets', async () => {
    const { wish } = await unitMember.ok('wishes', 'create', wishInput({ title: '家里水管需要检修' }));
    await secretary.ok('dispatch', 'approve', { wishId: wish.id, assignTo: { kind: 'unit', id: 'unit-fuyou' } });
    await unitAdmin.ok('tasks', 'accept', { wishId: wish.id });
    const r = await unitAdmin.call('tasks', 'handover', { wishId: wish.id, toUserId: unitMember.user.id });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({
      ok: false,
      error: { code: 'ASSIGNEE_UNAVAILABLE', message: `这是${unitMember.user.name}自己的心愿，不能派给本人，请改派他人`, details: { reason: 'own_wish', fields: [{ path: 'toUserId' }] } },
    });
    expect((await wishOf(wish.id)).claims.map((c: any) => c.assigneeId)).toEqual([unitAdmin.user.id]);
  });

  test('nor to the member the wish was entered for (its beneficiary)', async () => {
    const { wish } = await secretary.ok('dispatch', 'proxyCreate', {
      ...wishInput({ title: '代登记：帮忙换门锁', contactPhone: undefined }),
      channel: 'phone', beneficiary: { userId: unitMember.user.id, name: unitMember.user.name }, assignTo: { kind: 'unit', id: 'unit-fuyou' },
    });
    await unitAdmin.ok('tasks', 'accept', { wishId: wish.id });
    const r = await unitAdmin.call('tasks', 'handover', { wishId: wish.id, toUserId: unitMember.user.id });
    expect(r.body).toMatchObject({ ok: false, error: { code: 'ASSIGNEE_UNAVAILABLE', details: { reason: 'own_wish' } } });
  });
});
