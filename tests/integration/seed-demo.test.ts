/** The seeded demo leaves room to try it: the demo resident can post several wishes on a fresh demo. */
import { startTestServer, wishInput, type TestServer } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

test('on a fresh demo the resident posts up to the daily limit, not one wish', async () => {
  const resident = await server.login('resident');
  const titles = ['楼道灯不亮了', '门口下水道堵了', '想找人陪老人散步', '阳台晾衣架坏了', '需要帮忙取快递'];
  for (const title of titles) {
    const r = await resident.call('wishes', 'create', wishInput({ title }));
    expect([title, r.status, r.body.ok ? 'ok' : r.body.error.message]).toEqual([title, 200, 'ok']);
  }
  const sixth = await resident.call('wishes', 'create', wishInput({ title: '再发一个' }));
  expect(sixth.body).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
});

test('a newcomer finds 集体活动: coming ones with places left, and last week\'s clean-up with the hours its volunteers earned', async () => {
  const volunteer = await server.login('volunteer');
  const { items } = await volunteer.ok('activities', 'list', {});
  const coming = items.filter((a: { state: string }) => a.state === 'open');
  expect(coming.map((a: { title: string }) => a.title)).toEqual(['老年人健康义诊', '汛期防洪堤巡逻']);
  expect(coming.every((a: { placesLeft: number }) => a.placesLeft > 0)).toBe(true);
  const cleanup = items.find((a: { title: string }) => a.title === '桃源小区环境卫生整治');
  expect(cleanup).toMatchObject({ state: 'ended', mine: { status: 'checked_out', hours: 3 } });

  const secretary = await server.login('secretary');
  const { attendees } = await secretary.ok('activities', 'attendance', { activityId: cleanup.id });
  expect(attendees.map((x: { name: string; hours?: number; corrected?: boolean }) => [x.name, x.hours, !!x.corrected])).toEqual([
    ['张晓东', 3, false], ['彭卫国', 3, false], ['刘佳', 3, true],
  ]);
  const points = await volunteer.ok('points', 'mine', {});
  expect(points.entries.map((e: { text: string }) => e.text)).toContain('参加集体活动「桃源小区环境卫生整治」，服务 3 小时，获得 30 积分');
  // 狮子山社区's activity is its own.
  expect(items.map((a: { title: string }) => a.title)).not.toContain('香城苑小区楼道杂物清理');
});

test('a newcomer finds the 爱心超市 stocked with things their seeded points already buy, each community its own shelf', async () => {
  const volunteer = await server.login('volunteer');
  const { balance } = await volunteer.ok('points', 'mine', {});
  const { items } = await volunteer.ok('points', 'catalogue', {});
  const onShelf = items.filter((i: { stock: number }) => i.stock > 0);
  expect(onShelf.length).toBeGreaterThanOrEqual(3);
  expect(onShelf.some((i: { cost: number }) => i.cost <= balance)).toBe(true);
  expect(onShelf.map((i: { name: string }) => i.name)).not.toContain('食用油 1.8L');

  const far = await (await server.login('volunteer_bh')).ok('points', 'catalogue', {});
  expect(far.items.map((i: { name: string }) => i.name)).toEqual(['食用油 1.8L']);
});

test('a newcomer sees the 时间银行 at work: 刘佳 paid hours for help to her mother 李桂英, who finds it among her own to confirm', async () => {
  const daughter = await server.login('volunteer2');
  const bank = await daughter.ok('timebank', 'mine', {});
  expect(bank.family).toEqual([expect.objectContaining({ status: 'accepted', relation: 'parent', other: expect.objectContaining({ name: '李桂英' }) })]);
  expect(bank.entries.map((e: { text: string }) => e.text)).toContain('发布心愿「陪母亲去卫生院复查血压」（为李桂英）用时间支付，预扣 2 小时');
  expect(bank.balance).toBeGreaterThanOrEqual(0);

  const mother = await server.login('elder');
  const { items } = await mother.ok('wishes', 'mine', { limit: 50 });
  const forHer = items.find((w: { title: string }) => w.title === '陪母亲去卫生院复查血压');
  expect(forHer).toMatchObject({ status: 'done', paidHours: 2, ownerName: '刘佳', beneficiary: { name: '李桂英' } });
  const detail = await mother.ok('wishes', 'detail', { wishId: forHer.id });
  expect(detail.actions).toEqual(expect.arrayContaining(['confirm', 'dispute']));
});
