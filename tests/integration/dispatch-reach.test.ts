import { startRoomyTestServer, wishInput, type Client, type TestServer } from './harness';

/**
 * Dispatch must reach someone who can act. The falling-bottle injury of the seed story was sent
 * to 花园镇卫生院, a unit with no admin and no members, and was accepted silently.
 */
let server: TestServer;
let resident: Client;
let secretary: Client;
beforeAll(async () => {
  server = await startRoomyTestServer();
  resident = await server.login('resident');
  secretary = await server.login('secretary');
});
afterAll(() => server?.stop());

const pending = async (title: string) => (await resident.ok('wishes', 'create', wishInput({ title }))).wish.id as string;
const open = async (title: string) => {
  const wishId = await pending(title);
  await secretary.ok('dispatch', 'approve', { wishId });
  return wishId;
};
const statusOf = async (wishId: string) => (await server.db.collection('wishes').findOne({ _id: wishId as never }))!.status;

test('approving straight to a unit nobody belongs to is refused, naming the unit, and the wish stays pending', async () => {
  const wishId = await pending('高空坠物砸伤，需要包扎');
  const r = await secretary.call('dispatch', 'approve', { wishId, assignTo: { kind: 'unit', id: 'unit-weishengyuan' } });
  expect(r.status).toBe(409);
  expect(r.body).toMatchObject({ ok: false, error: { code: 'ASSIGNEE_UNAVAILABLE', details: { reason: 'unit_without_people' } } });
  expect((r.body as any).error.message).toContain('花园镇卫生院');
  expect(await statusOf(wishId)).toBe('pending_review');
});

test('assigning an open wish to a unit nobody belongs to is refused and leaves it open', async () => {
  const wishId = await open('楼道灯不亮');
  const r = await secretary.call('dispatch', 'assign', { wishId, assignTo: { kind: 'unit', id: 'unit-weishengyuan' } });
  expect(r.body).toMatchObject({ ok: false, error: { code: 'ASSIGNEE_UNAVAILABLE' } });
  expect(await statusOf(wishId)).toBe('open');
});

test('a unit with an admin can be dispatched to', async () => {
  const wishId = await open('儿童体检咨询');
  await secretary.ok('dispatch', 'assign', { wishId, assignTo: { kind: 'unit', id: 'unit-fuyou' } });
  expect(await statusOf(wishId)).toBe('assigned');
});

test('a helper already holding the community maximum is refused with their load, and can be given more once the limit is raised', async () => {
  await secretary.ok('org', 'updateSettings', { settings: { maxOpenTasksPerHelper: 1 } });
  const volunteer = await server.login('volunteer');
  const held = (await server.db.collection('wishes').countDocuments({
    status: { $in: ['assigned', 'claimed', 'in_progress'] },
    $or: [{ 'claims.claimerId': volunteer.user.id }, { 'claims.assigneeId': volunteer.user.id }, { 'assignment.target.id': volunteer.user.id }],
  })) as number;
  if (held === 0) await secretary.ok('dispatch', 'assign', { wishId: await open('陪同买菜'), assignTo: { kind: 'user', id: volunteer.user.id } });

  const wishId = await open('帮忙取药');
  const r = await secretary.call('dispatch', 'assign', { wishId, assignTo: { kind: 'user', id: volunteer.user.id } });
  expect(r.status).toBe(409);
  expect(r.body).toMatchObject({ ok: false, error: { code: 'ASSIGNEE_UNAVAILABLE', details: { reason: 'too_many_tasks', max: 1 } } });
  expect((r.body as any).error.message).toContain(volunteer.user.name);
  expect(await statusOf(wishId)).toBe('open');

  await secretary.ok('org', 'updateSettings', { settings: { maxOpenTasksPerHelper: 50 } });
  await secretary.ok('dispatch', 'assign', { wishId, assignTo: { kind: 'user', id: volunteer.user.id } });
  expect(await statusOf(wishId)).toBe('assigned');
});

test('the dispatch picker shows each helper\'s load and distance, free and nearest first, and those a dispatch would refuse greyed out with the same words', async () => {
  await secretary.ok('org', 'updateSettings', { settings: { maxOpenTasksPerHelper: 1 } });
  const volunteer = await server.login('volunteer');
  const wishId = await open('帮忙修门锁');
  const list = await secretary.ok('dispatch', 'candidates', { wishId });
  const me = list.helpers.find((h: any) => h.id === volunteer.user.id);
  expect(me.load).toBeGreaterThanOrEqual(1);
  const refused = await secretary.call('dispatch', 'assign', { wishId, assignTo: { kind: 'user', id: volunteer.user.id } });
  expect(me.refusal).toEqual({ reason: 'too_many_tasks', message: (refused.body as any).error.message });
  expect(list.maxOpenTasks).toBe(1);

  // Free before refused; among the free, nearest first (those who have not said where they live last).
  const free = list.helpers.filter((h: any) => !h.refusal);
  expect(list.helpers.slice(0, free.length)).toEqual(free);
  const known = free.filter((h: any) => h.distanceM !== undefined).map((h: any) => h.distanceM);
  expect(known).toEqual([...known].sort((a, b) => a - b));
  expect(list.helpers.every((h: any) => h.distanceM === undefined || h.distanceM % 100 === 0)).toBe(true);
  expect(list.helpers.map((h: any) => h.id)).not.toContain(resident.user.id);

  const empty = list.units.find((u: any) => u.id === 'unit-weishengyuan');
  expect(empty.refusal).toMatchObject({ reason: 'unit_without_people' });
  expect(empty.refusal.message).toContain('花园镇卫生院');
  expect(list.units.find((u: any) => u.id === 'unit-fuyou').refusal).toBeUndefined();

  // Whoever holds the wish now is not offered it again.
  const free1 = free[0];
  await secretary.ok('dispatch', 'assign', { wishId, assignTo: { kind: 'user', id: free1.id } });
  const after = await secretary.ok('dispatch', 'candidates', { wishId });
  expect(after.helpers.find((h: any) => h.id === free1.id).refusal).toEqual({ reason: 'holds_it', message: '正在负责这个心愿' });

  expect((await resident.call('dispatch', 'candidates', { wishId })).body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect((await (await server.login('secretary2')).call('dispatch', 'candidates', { wishId })).body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  await secretary.ok('org', 'updateSettings', { settings: { maxOpenTasksPerHelper: 50 } });
});

describe('nobody is dispatched, or claims, the wish they asked for themselves', () => {
  // 彭卫国 lives at G5栋 and is a party member: a resident who helps others, and asks for help too.
  let partyMember: Client;
  let own: string;
  let ownMessage: string;
  beforeAll(async () => {
    partyMember = await server.login('party_member');
    own = (await partyMember.ok('wishes', 'create', wishInput({ title: '帮我家老人取药' }))).wish.id;
  });
  const toThem = () => ({ kind: 'user', id: partyMember.user.id });

  test('approving it straight to them is refused with the reason own_wish, and it stays pending', async () => {
    const r = await secretary.call('dispatch', 'approve', { wishId: own, assignTo: toThem() });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ ok: false, error: { code: 'ASSIGNEE_UNAVAILABLE', details: { reason: 'own_wish' } } });
    ownMessage = (r.body as any).error.message;
    expect(ownMessage).toBe(`这是${partyMember.user.name}自己的心愿，不能派给本人，请改派他人`);
    expect(await statusOf(own)).toBe('pending_review');
  });

  test('assigning it to them is refused the same way, and it stays open', async () => {
    await secretary.ok('dispatch', 'approve', { wishId: own });
    const r = await secretary.call('dispatch', 'assign', { wishId: own, assignTo: toThem() });
    expect(r.body).toMatchObject({ ok: false, error: { code: 'ASSIGNEE_UNAVAILABLE', message: ownMessage, details: { reason: 'own_wish' } } });
    expect(await statusOf(own)).toBe('open');
  });

  test('they cannot claim it: told it is their own wish, and it stays open with nobody on it', async () => {
    const r = await partyMember.call('tasks', 'claim', { wishId: own });
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '这是你自己的心愿，不能认领', details: { reason: 'own_wish' } } });
    const stored = (await server.db.collection('wishes').findOne({ _id: own as never }))!;
    expect([stored.status, stored.claims]).toEqual(['open', []]);
  });

  test('taking it back from whoever holds it and handing it to them is refused, and the holder keeps it', async () => {
    const volunteer = await server.login('volunteer');
    await volunteer.ok('tasks', 'claim', { wishId: own });
    const r = await secretary.call('dispatch', 'recall', { wishId: own, reason: '一直没有上门', assignTo: toThem() });
    expect(r.body).toMatchObject({ ok: false, error: { code: 'ASSIGNEE_UNAVAILABLE', message: ownMessage, details: { reason: 'own_wish' } } });
    const stored = (await server.db.collection('wishes').findOne({ _id: own as never }))!;
    expect(stored.status).toBe('claimed');
    expect(stored.claims.map((c: any) => c.claimerId)).toEqual([volunteer.user.id]);
  });

  test('the picker shows them greyed out with the same sentence', async () => {
    const list = await secretary.ok('dispatch', 'candidates', { wishId: own });
    expect(list.helpers.find((h: any) => h.id === partyMember.user.id).refusal).toEqual({ reason: 'own_wish', message: ownMessage });
  });

  test('a wish staff enter for them (they are its beneficiary) cannot be dispatched to them either, and nothing is written', async () => {
    const before = await server.db.collection('wishes').countDocuments({});
    const r = await secretary.call('dispatch', 'proxyCreate', {
      ...wishInput({ title: '代登记：帮忙修水管', contactPhone: undefined }),
      channel: 'phone', beneficiary: { userId: partyMember.user.id, name: partyMember.user.name }, assignTo: toThem(),
    });
    expect(r.body).toMatchObject({ ok: false, error: { code: 'ASSIGNEE_UNAVAILABLE', message: ownMessage, details: { reason: 'own_wish' } } });
    expect(await server.db.collection('wishes').countDocuments({})).toBe(before);
  });
});
