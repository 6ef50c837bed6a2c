import { startRoomyTestServer, wishInput, type Client, type TestServer } from './harness';

/**
 * 收回 (issue 16): a claimer who never came, a dispatch nobody answered. The community's staff take it back with a
 * reason; the person it was taken from reads why in their inbox; the wish goes back to the pool or, in the same
 * step, to someone staff pick. Once the work has started it is the helper's, and a start racing the recall leaves
 * exactly one of the two.
 */
let server: TestServer;
let secretary: Client;
let gridWorker: Client;
let resident: Client;
let volunteer: Client;
let partyMember: Client;
beforeAll(async () => {
  server = await startRoomyTestServer();
  secretary = await server.login('secretary');
  gridWorker = await server.login('grid_worker');
  resident = await server.login('resident');
  volunteer = await server.login('volunteer');
  partyMember = await server.login('party_member');
});
afterAll(() => server?.stop());

/** A wish at G5栋 (the grid worker's grid), approved to the pool and claimed by the volunteer, who then does nothing. */
async function claimedWish(title = '帮忙换灯泡'): Promise<string> {
  const { wish } = await resident.ok('wishes', 'create', wishInput({ title }));
  await secretary.ok('dispatch', 'approve', { wishId: wish.id });
  await volunteer.ok('tasks', 'claim', { wishId: wish.id });
  return wish.id;
}

async function inboxOf(who: Client, wishId: string, template: string) {
  return (await who.ok('notify', 'inbox', {})).items.filter((m: any) => m.wishId === wishId && m.template === template);
}

test('the secretary takes back a claim that never started: back in the pool, the reason on the timeline and in the claimer\'s inbox', async () => {
  const wishId = await claimedWish('楼道灯不亮了');
  const reason = '认领一天多了还没有上门，先收回';
  const { wish } = await secretary.ok('dispatch', 'recall', { wishId, reason });
  expect(wish.status).toBe('open');
  expect(wish.claims).toEqual([]);

  const detail = await secretary.ok('wishes', 'detail', { wishId });
  expect(detail.events.at(-1)).toMatchObject({ action: 'recall', from: 'claimed', to: 'open', note: reason, actor: { kind: 'user', userId: secretary.user.id, role: 'secretary' } });
  const [notice] = await inboxOf(volunteer, wishId, 'claim_recalled');
  expect(notice.title).toBe('社区收回了心愿');
  expect(notice.body).toContain(reason);
  expect(notice.body).toContain('楼道灯不亮了');
  // It is in the hall again: another helper can take it.
  await (await server.login('volunteer2')).ok('tasks', 'claim', { wishId });
});

test('收回并改派 in one step: the grid worker sends it to a party member, who is told it was dispatched to them', async () => {
  const wishId = await claimedWish('电视没有信号');
  const { wish } = await gridWorker.ok('dispatch', 'recall', { wishId, reason: '联系不上认领人', assignTo: { kind: 'user', id: partyMember.user.id } });
  expect(wish.status).toBe('assigned');
  expect(wish.assignment).toMatchObject({ target: { kind: 'user', id: partyMember.user.id } });
  expect(await inboxOf(volunteer, wishId, 'claim_recalled')).toHaveLength(1);
  expect(await inboxOf(partyMember, wishId, 'wish_assigned')).toHaveLength(1);
  // A dispatch nobody answers can be taken back as well, and not sent back to the same person.
  const same = await secretary.call('dispatch', 'recall', { wishId, reason: '没有接单', assignTo: { kind: 'user', id: partyMember.user.id } });
  expect(same.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  const back = await secretary.ok('dispatch', 'recall', { wishId, reason: '两天没有接单' });
  expect(back.wish.status).toBe('open');
  expect(await inboxOf(partyMember, wishId, 'claim_recalled')).toHaveLength(1);
});

test('refused, with nothing changed: without a reason, to a resident, by the claimer or a neighbour, once the work has started, or with nothing to take back', async () => {
  const wishId = await claimedWish('窗户关不上');
  const before = await secretary.ok('wishes', 'detail', { wishId });
  const refusals = [
    [secretary, { wishId }, 'VALIDATION_FAILED'],
    [secretary, { wishId, reason: '   ' }, 'VALIDATION_FAILED'],
    [secretary, { wishId, reason: '改派', assignTo: { kind: 'user', id: resident.user.id } }, 'VALIDATION_FAILED'],
    [volunteer, { wishId, reason: '不想做了' }, 'FORBIDDEN'],
    [resident, { wishId, reason: '太慢了' }, 'FORBIDDEN'],
    [await server.login('secretary2'), { wishId, reason: '太慢了' }, 'NOT_FOUND'],
    [await server.login('town_admin'), { wishId, reason: '太慢了' }, 'FORBIDDEN'],
  ] as const;
  for (const [who, data, code] of refusals) {
    const reply = await who.call('dispatch', 'recall', data);
    expect([JSON.stringify(data), reply.body.ok ? 'ok' : reply.body.error.code]).toEqual([JSON.stringify(data), code]);
  }
  const after = await secretary.ok('wishes', 'detail', { wishId });
  expect(after.events).toHaveLength(before.events.length);
  expect(after.wish.claims).toEqual(before.wish.claims);

  await volunteer.ok('tasks', 'start', { wishId });
  const started = await secretary.call('dispatch', 'recall', { wishId, reason: '太慢了' });
  expect(started.body).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });

  const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '门锁坏了' }));
  await secretary.ok('dispatch', 'approve', { wishId: wish.id });
  const nothing = await secretary.call('dispatch', 'recall', { wishId: wish.id, reason: '没人认领' });
  expect(nothing.body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
});

test('a recall racing the claimer\'s 开始服务 leaves exactly one outcome, every time', async () => {
  const ids = await Promise.all(Array.from({ length: 8 }, (_, i) => claimedWish(`并发测试心愿${i}`)));
  for (const wishId of ids) {
    const [recall, start] = await Promise.all([
      secretary.call('dispatch', 'recall', { wishId, reason: '一直没有上门' }),
      volunteer.call('tasks', 'start', { wishId }),
    ]);
    expect([recall.body.ok, start.body.ok].filter(Boolean)).toHaveLength(1);
    const { wish, events } = await secretary.ok('wishes', 'detail', { wishId });
    const steps = events.map((e: any) => e.action).filter((a: string) => a === 'recall' || a === 'start');
    if (recall.body.ok) {
      expect(steps).toEqual(['recall']);
      expect(wish).toMatchObject({ status: 'open', claims: [] });
      // The volunteer who lost is told what happened, not just that they may not.
      expect(start.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '社区已收回这个心愿：一直没有上门', details: { reason: 'recalled' } } });
    } else {
      expect(steps).toEqual(['start']);
      expect(wish.status).toBe('in_progress');
      expect(wish.claims).toEqual([expect.objectContaining({ claimerId: volunteer.user.id, startedAt: expect.any(String) })]);
    }
  }
});

describe('a helper acting on a wish staff took back from them is told it was taken back, and why', () => {
  test('开始服务 after a recall to the pool', async () => {
    const wishId = await claimedWish('帮忙搬米');
    await secretary.ok('dispatch', 'recall', { wishId, reason: '两天没联系上' });
    const r = await volunteer.call('tasks', 'start', { wishId });
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '社区已收回这个心愿：两天没联系上', details: { action: 'start', reason: 'recalled', recall: { reason: '两天没联系上' } } } });
    expect((await server.db.collection('wishes').findOne({ _id: wishId as never }))!).toMatchObject({ status: 'open', claims: [] });
  });

  test('延期 after it was handed to someone else (a wish they can no longer read: still told, not 心愿不存在)', async () => {
    const wishId = await claimedWish('帮忙修纱窗');
    await secretary.ok('dispatch', 'recall', { wishId, reason: '改派给住得近的党员', assignTo: { kind: 'user', id: partyMember.user.id } });
    const r = await volunteer.call('tasks', 'extend', { wishId });
    expect(r.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '社区已收回这个心愿：改派给住得近的党员' } });
  });

  test('once they have claimed it again and let it go, a refusal is the plain one', async () => {
    const wishId = await claimedWish('帮忙取快递');
    await secretary.ok('dispatch', 'recall', { wishId, reason: '没有上门' });
    await volunteer.ok('tasks', 'claim', { wishId });
    await volunteer.ok('tasks', 'release', { wishId, reason: '临时有事' });
    const r = await volunteer.call('tasks', 'start', { wishId });
    expect(r.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((r.body as any).error.message).not.toContain('收回');
  });
});
