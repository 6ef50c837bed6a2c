/**
 * A co-building unit left with nobody to answer for it (issue 13's remaining gaps). Only the unit's admin accepts a
 * dispatch for it (DESIGN §2: "claim for the unit, hand a claimed wish to a unit member"), so a unit with members but no
 * active admin can't be dispatched to, and whatever takes its last active admin away sends what waits dispatched to it
 * back to the queue, its community's secretary told (`work_returned`): 停用, two 停用 at the same instant, the
 * secretary taking the role away or moving them to another unit, the admin taking another unit's invite, and the timer's
 * repair for what a crash left.
 *
 * 孝昌县妇幼保健院 (unit-fuyou, county-level, registered in 桃源) has one admin (王丽华) and one member (陈静).
 */
import { randomUUID } from 'node:crypto';
import { wishInput, type Client } from './harness';
import { unitScene, type UnitScene } from './unitScene';

let s: UnitScene;
beforeAll(async () => {
  s = await unitScene();
});
afterAll(() => s?.server.stop());

const FUYOU = 'unit-fuyou';
const REASON = '调离本单位，暂停服务';
const wishOf = async (id: string) => (await s.server.db.collection<any>('wishes').findOne({ _id: id }))!;
const inboxOf = (userId: string, wishId: string, template: string) => s.server.db.collection<any>('messages').find({ userId, wishId, template }).toArray();
const vacatesOf = async (wishId: string) => (await wishOf(wishId)).events.filter((e: any) => e.action === 'vacate');

/** A wish of 桃源's s.resident, approved straight to 妇幼保健院, waiting for it to accept. */
async function sentToFuyou(title: string): Promise<string> {
  const { wish } = await s.resident.ok('wishes', 'create', wishInput({ title }));
  await s.secretary.ok('dispatch', 'approve', { wishId: wish.id, assignTo: { kind: 'unit', id: FUYOU } });
  expect((await wishOf(wish.id)).status).toBe('assigned');
  return wish.id;
}

/** Back in the queue because the unit has nobody to answer for it: the step says so, the secretary is told why. */
async function expectReturned(wishId: string, actor: Record<string, unknown>, secretaryOfIt = s.secretary) {
  const w = await wishOf(wishId);
  expect([w.status, w.assignment]).toEqual(['open', undefined]);
  expect(await vacatesOf(wishId)).toHaveLength(1);
  expect(w.events.at(-1)).toMatchObject({ action: 'vacate', from: 'assigned', to: 'open', actor, note: '承接单位已无在岗人员，心愿重新等待认领', meta: { withdrawnUnitId: FUYOU } });
  const told = await inboxOf(secretaryOfIt.user.id, wishId, 'work_returned');
  expect(told).toHaveLength(1);
  expect(told[0].body).toContain('孝昌县妇幼保健院无在岗人员');
  expect(await inboxOf(s.resident.user.id, wishId, 'helper_withdrawn')).toHaveLength(1);
}

const bySecretary = () => ({ kind: 'user', userId: s.secretary.user.id });
/** The s.secretary sets a unit person's roles and unit; a role change ends their sign-ins, so they sign in again. */
async function setRoles(who: Client, roles: string[], unitId: string): Promise<{ vacated: number }> {
  const reply = await s.secretary.ok('org', 'roles', { userId: who.user.id, roles, unitId });
  if (who === s.unitAdmin) s.unitAdmin = await s.server.login('unit_admin');
  else s.unitMember = await s.server.login('unit_member');
  return reply;
}

describe('members without an admin don’t answer for a unit', () => {
  test('its last admin stopped, a unit’s waiting dispatch goes back though a member is still active; it can’t be dispatched to until an admin is back', async () => {
    const wishId = await sentToFuyou('帮忙修理楼道门禁');
    await s.secretary.ok('org', 'deactivate', { userId: s.unitAdmin.user.id, reason: REASON });
    await expectReturned(wishId, bySecretary());

    // 陈静 is still an active member of it, but can't accept: the dispatch and the picker both say so.
    const r = await s.secretary.call('dispatch', 'assign', { wishId, assignTo: { kind: 'unit', id: FUYOU } });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ ok: false, error: { code: 'ASSIGNEE_UNAVAILABLE', details: { reason: 'unit_without_people' } } });
    expect((r.body as any).error.message).toContain('没有在岗的单位管理员');
    const picker = await s.secretary.ok('dispatch', 'candidates', { wishId });
    expect(picker.units.find((u: any) => u.id === FUYOU).refusal).toMatchObject({ reason: 'unit_without_people' });
    const townList = await s.town.ok('dispatch', 'townUnits', {});
    expect(townList.items.find((u: any) => u.id === FUYOU).hasPeople).toBe(false);

    await s.secretary.ok('org', 'reactivate', { userId: s.unitAdmin.user.id });
    await s.secretary.ok('dispatch', 'assign', { wishId, assignTo: { kind: 'unit', id: FUYOU } });
    expect((await wishOf(wishId)).status).toBe('assigned');
    await s.unitAdmin.ok('tasks', 'accept', { wishId });
  });
});

describe('a unit’s place handed to a member, once the unit has no admin', () => {
  test('the member doing the work may still extend it and give it up, and their wish page offers both', async () => {
    const { wish } = await s.resident.ok('wishes', 'create', wishInput({ title: '帮忙搬运旧家具' }));
    await s.secretary.ok('dispatch', 'approve', { wishId: wish.id });
    await s.unitAdmin.ok('tasks', 'claim', { wishId: wish.id, asUnit: FUYOU });
    await s.unitAdmin.ok('tasks', 'handover', { wishId: wish.id, toUserId: s.unitMember.user.id });
    await s.secretary.ok('org', 'deactivate', { userId: s.unitAdmin.user.id, reason: REASON });
    try {
      // The place stays with 陈静, who does the work; nobody else could keep it or hand it back now.
      const before = await wishOf(wish.id);
      expect(before.claims).toEqual([expect.objectContaining({ kind: 'unit', unitId: FUYOU, assigneeId: s.unitMember.user.id })]);
      const { actions } = await s.unitMember.ok('wishes', 'detail', { wishId: wish.id });
      expect(actions).toEqual(expect.arrayContaining(['extend', 'release', 'start']));

      await s.unitMember.ok('tasks', 'extend', { wishId: wish.id });
      const extended = await wishOf(wish.id);
      expect(extended.claims[0].extensions).toBe(1);
      expect(extended.claims[0].leaseUntil.getTime()).toBeGreaterThan(before.claims[0].leaseUntil.getTime());

      await s.unitMember.ok('tasks', 'release', { wishId: wish.id, reason: '单位暂时无人统筹，先放回大厅' });
      const released = await wishOf(wish.id);
      expect([released.status, released.claims]).toEqual(['open', []]);
      expect(released.events.at(-1)).toMatchObject({ action: 'release', actor: { kind: 'user', userId: s.unitMember.user.id } });
    } finally {
      await s.secretary.ok('org', 'reactivate', { userId: s.unitAdmin.user.id });
    }
  });
});

describe('two admins of one unit stopped at the same instant', () => {
  const failNothing = () => s.server.db.admin().command({ configureFailPoint: 'failCommand', mode: 'off' });
  afterEach(failNothing);

  test('each in its own transaction, both open together: the unit’s waiting dispatch goes back once, the secretary told once', async () => {
    await setRoles(s.unitMember, ['volunteer', 'unit_admin'], FUYOU);
    const wishId = await sentToFuyou('需要上门测血压');
    // Both commits held back a moment: each pause's transaction has read the unit's people before the other's is in.
    await s.server.db.admin().command({
      configureFailPoint: 'failCommand', mode: { times: 2 }, data: { failCommands: ['commitTransaction'], blockConnection: true, blockTimeMS: 800 },
    });
    const [a, b] = await Promise.all([
      s.secretary.call('org', 'deactivate', { userId: s.unitAdmin.user.id, reason: REASON }, randomUUID()),
      s.secretary.call('org', 'deactivate', { userId: s.unitMember.user.id, reason: REASON }, randomUUID()),
    ]);
    await failNothing();
    expect([a.body.ok, b.body.ok]).toEqual([true, true]);
    // (Each also counts what its admin held: the wish 王丽华 accepted above.)
    expect((a.body as any).data.vacated + (b.body as any).data.vacated).toBeGreaterThanOrEqual(1);
    await expectReturned(wishId, bySecretary());

    await s.secretary.ok('org', 'reactivate', { userId: s.unitAdmin.user.id });
    await s.secretary.ok('org', 'reactivate', { userId: s.unitMember.user.id });
    await setRoles(s.unitMember, ['volunteer'], FUYOU);
  });

  test('the same without transactions (no requestIds), at once: the same one return', async () => {
    await setRoles(s.unitMember, ['volunteer', 'unit_admin'], FUYOU);
    const wishId = await sentToFuyou('需要上门换药');
    await Promise.all([
      s.secretary.ok('org', 'deactivate', { userId: s.unitAdmin.user.id, reason: REASON }),
      s.secretary.ok('org', 'deactivate', { userId: s.unitMember.user.id, reason: REASON }),
    ]);
    await expectReturned(wishId, bySecretary());

    await s.secretary.ok('org', 'reactivate', { userId: s.unitAdmin.user.id });
    await s.secretary.ok('org', 'reactivate', { userId: s.unitMember.user.id });
    await setRoles(s.unitMember, ['volunteer'], FUYOU);
  });
});

describe('a unit emptied through 成员角色, not 停用', () => {
  test('the secretary takes the admin role from its last admin: its waiting dispatch goes back, the reply counts it', async () => {
    const wishId = await sentToFuyou('帮忙搬运轮椅');
    const { vacated } = await setRoles(s.unitAdmin, ['volunteer'], FUYOU);
    expect(vacated).toBe(1);
    await expectReturned(wishId, bySecretary());
    await setRoles(s.unitAdmin, ['unit_admin'], FUYOU);
  });

  test('moved to another unit, its last admin leaves it: the dispatch the s.town sent it in 花园街 goes back there, as the system’s step', async () => {
    const { wish } = await s.resident.ok('wishes', 'create', wishInput({ title: '需要上门送药' }));
    await s.secretary.ok('dispatch', 'approve', { wishId: wish.id });
    await s.town.ok('dispatch', 'reassign', { wishId: wish.id, toCommunityId: 'com-huayuanjie' });
    await s.town.ok('dispatch', 'townAssign', { wishId: wish.id, unitId: FUYOU });

    await setRoles(s.unitAdmin, ['unit_admin'], 'unit-wuye');
    await expectReturned(wish.id, { kind: 'system' }, s.neighbourSecretary);
    await setRoles(s.unitAdmin, ['unit_admin'], FUYOU);
  });

  test('a change that keeps an admin (a member’s role, the admin’s other roles) moves nothing', async () => {
    const wishId = await sentToFuyou('帮忙检查电路');
    expect((await setRoles(s.unitMember, ['party_member'], FUYOU)).vacated).toBe(0);
    expect((await setRoles(s.unitAdmin, ['unit_admin', 'volunteer'], FUYOU)).vacated).toBe(0);
    expect((await wishOf(wishId)).status).toBe('assigned');
    await setRoles(s.unitMember, ['volunteer'], FUYOU);
    await setRoles(s.unitAdmin, ['unit_admin'], FUYOU);
    await s.unitAdmin.ok('tasks', 'accept', { wishId });
  });
});

test('its last admin taking another unit’s invite leaves it, as that unit’s volunteer and not its admin: its waiting dispatch goes back (the system’s step)', async () => {
  const wishId = await sentToFuyou('帮忙疏通厨房下水');
  const { code } = await s.secretary.ok('org', 'invites', { role: 'volunteer', unitId: 'unit-wuye' });
  const { roles } = await s.unitAdmin.ok('org', 'acceptInvite', { code });
  await expectReturned(wishId, { kind: 'system' });
  // A volunteer of 物业 now, not its admin: 妇幼保健院's admin role stayed with 妇幼保健院.
  expect(roles).toContain('volunteer');
  expect(roles).not.toContain('unit_admin');
  const stored = (await s.server.db.collection<any>('users').findOne({ _id: s.unitAdmin.user.id }))!.memberships.find((m: any) => m.communityId === 'com-taoyuan');
  expect([stored.unitId, stored.roles]).toEqual(['unit-wuye', expect.not.arrayContaining(['unit_admin'])]);
  await setRoles(s.unitAdmin, ['unit_admin'], FUYOU);
});

test('the timer’s repair: a unit left with no admin by a change cut short (no step after it) has its dispatch sent back on the next tick, once', async () => {
  const wishId = await sentToFuyou('帮忙安装扶手');
  // What a crash right after the role's write leaves: the admin gone, the dispatch still waiting.
  await s.server.db.collection<any>('users').updateOne({ _id: s.unitAdmin.user.id, 'memberships.communityId': 'com-taoyuan' }, { $set: { 'memberships.$.roles': ['volunteer'] } });
  const tick = () => s.server.anonymous().ok('cron', 'tick', { jobs: ['deactivations', 'outbox'] });
  expect((await tick()).vacated).toBeGreaterThanOrEqual(1);
  await expectReturned(wishId, { kind: 'system' });
  expect((await tick()).vacated).toBe(0);
  expect(await vacatesOf(wishId)).toHaveLength(1);
});

describe('a dispatch racing the change that takes its target away, each in its own transaction, both open together', () => {
  const failNothing = () => s.server.db.admin().command({ configureFailPoint: 'failCommand', mode: 'off' });
  /** Both commits held back a moment: each transaction has read what it checks before the other's is in. */
  const holdCommits = () =>
    s.server.db.admin().command({ configureFailPoint: 'failCommand', mode: { times: 2 }, data: { failCommands: ['commitTransaction'], blockConnection: true, blockTimeMS: 800 } });
  afterEach(failNothing);

  async function openWish(title: string): Promise<string> {
    const { wish } = await s.resident.ok('wishes', 'create', wishInput({ title }));
    await s.secretary.ok('dispatch', 'approve', { wishId: wish.id });
    return wish.id;
  }

  test('staff dispatch to the unit while its last admin is stopped: the wish is not left with the unit', async () => {
    const wishId = await openWish('帮忙清理楼道杂物');
    await holdCommits();
    const [dispatched, stopped] = await Promise.all([
      s.secretary.call('dispatch', 'assign', { wishId, assignTo: { kind: 'unit', id: FUYOU } }, randomUUID()),
      s.secretary.call('org', 'deactivate', { userId: s.unitAdmin.user.id, reason: REASON }, randomUUID()),
    ]);
    await failNothing();
    expect(stopped.body.ok).toBe(true);
    const w = await wishOf(wishId);
    expect([w.status, w.assignment]).toEqual(['open', undefined]);
    // Whichever ran again saw the other: the dispatch refused saying why, or made and sent back by the 停用.
    if (!dispatched.body.ok) expect(dispatched.body).toMatchObject({ error: { code: 'ASSIGNEE_UNAVAILABLE', details: { reason: 'unit_without_people' } } });
    await s.secretary.ok('org', 'reactivate', { userId: s.unitAdmin.user.id });
  });

  test('staff dispatch to a volunteer while the volunteer is stopped: the wish is not left with them', async () => {
    const volunteer = await s.server.login('volunteer2');
    const wishId = await openWish('帮忙取快递');
    await holdCommits();
    const [dispatched, stopped] = await Promise.all([
      s.secretary.call('dispatch', 'assign', { wishId, assignTo: { kind: 'user', id: volunteer.user.id } }, randomUUID()),
      s.secretary.call('org', 'deactivate', { userId: volunteer.user.id, reason: REASON }, randomUUID()),
    ]);
    await failNothing();
    expect(stopped.body.ok).toBe(true);
    const w = await wishOf(wishId);
    expect([w.status, w.assignment]).toEqual(['open', undefined]);
    if (!dispatched.body.ok) expect(dispatched.body).toMatchObject({ error: { code: 'ASSIGNEE_UNAVAILABLE', details: { reason: 'deactivated' } } });
    await s.secretary.ok('org', 'reactivate', { userId: volunteer.user.id });
  });
});
