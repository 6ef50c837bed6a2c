/** 积分 and the 爱心超市 (issue 12 item 3): confirmed service earns points by the community's rule; the shelf, codes and the desk. */
import { repositoriesOf } from '../../cloudfunctions/_core/store/repositories';
import { startTestServer, wishInput, type Client, type TestServer } from './harness';

let server: TestServer;
let secretary: Client;
beforeAll(async () => {
  server = await startTestServer({ config: { rateLimitPerMinute: 100_000 } as never });
  secretary = await server.login('secretary');
  await secretary.ok('org', 'updateSettings', { settings: { postsPerDay: 100, maxOpenTasksPerHelper: 50 } });
});
afterAll(() => server?.stop());

/** A wish `helper` has finished with `hours` reported, waiting for the resident. */
async function doneWish(helper: Client, hours: number, over: Record<string, unknown> = {}) {
  const resident = await server.login('resident');
  const { wish } = await resident.ok('wishes', 'create', wishInput(over));
  await secretary.ok('dispatch', 'approve', { wishId: wish.id });
  await helper.ok('tasks', 'claim', { wishId: wish.id });
  await helper.ok('tasks', 'start', { wishId: wish.id });
  await helper.ok('tasks', 'complete', { wishId: wish.id, note: '已完成', hours });
  return { wishId: wish.id as string, resident };
}

/** A helper of 桃源社区 with no history, so balances start at zero. */
async function newHelper(key: string): Promise<Client> {
  await server.db.collection('users').insertOne({
    _id: `u-${key}`, devKey: key, name: `新志愿者${key.slice(-2)}`,
    memberships: [{ communityId: 'com-taoyuan', townId: 'town-huayuan', roles: ['volunteer'] }], createdAt: new Date(),
  } as never);
  return server.login(key);
}

async function shelf(name: string, cost: number, stock: number) {
  return (await secretary.ok('points', 'saveItem', { name, cost, stock })).item;
}

async function expectBooksBalanced() {
  const audit = await secretary.ok('points', 'audit', {});
  expect(audit.mismatches).toEqual([]);
  return audit;
}

describe('earning: confirmed service, by the community rule', () => {
  test('the resident confirms: the helper earns hours × points per hour × the category weight, once however often it is confirmed', async () => {
    await secretary.ok('org', 'updateSettings', { settings: { pointsPerHour: 10, pointsDailyCap: 0, pointsCategoryWeights: { repair: 2 } } });
    const helper = await newHelper('pts_earn');
    const { wishId, resident } = await doneWish(helper, 1.5, { title: '修理楼道扶手' });
    expect((await helper.ok('points', 'mine', {})).balance).toBe(0); // done is not confirmed

    await resident.ok('wishes', 'confirm', { wishId });
    const again = await resident.call('wishes', 'confirm', { wishId });
    expect(again.body.ok).toBe(false);
    server.clock.advanceHours(24 * 10);
    await server.anonymous().ok('cron', 'tick', {});

    const mine = await helper.ok('points', 'mine', {});
    expect(mine.balance).toBe(30);
    expect(mine.entries).toHaveLength(1);
    expect(mine.entries[0]).toMatchObject({ kind: 'earn', amount: 30, wishId });
    expect(mine.entries[0].text).toBe('「修理楼道扶手」经居民确认，服务 1.5 小时，获得 30 积分');
    await expectBooksBalanced();
  });

  test('auto-confirm earns the same way', async () => {
    await secretary.ok('org', 'updateSettings', { settings: { pointsPerHour: 10, pointsDailyCap: 0, pointsCategoryWeights: {} } });
    const helper = await newHelper('pts_auto');
    await doneWish(helper, 2, { title: '帮忙搬家具', category: 'daily_help' });
    server.clock.advanceHours(24 * 4);
    await server.anonymous().ok('cron', 'tick', {});
    expect((await helper.ok('points', 'mine', {})).balance).toBe(20);
  });

  test('the daily cap: a second confirmation on the same day earns only what is left, then nothing; the next day counts afresh', async () => {
    await secretary.ok('org', 'updateSettings', { settings: { pointsPerHour: 10, pointsDailyCap: 25, pointsCategoryWeights: {} } });
    const helper = await newHelper('pts_cap');
    const first = await doneWish(helper, 2, { title: '陪老人聊天' });
    const second = await doneWish(helper, 2, { title: '送药上门' });
    const third = await doneWish(helper, 1, { title: '修门锁' });
    await first.resident.ok('wishes', 'confirm', { wishId: first.wishId });
    await second.resident.ok('wishes', 'confirm', { wishId: second.wishId });
    await third.resident.ok('wishes', 'confirm', { wishId: third.wishId });
    const mine = await helper.ok('points', 'mine', {});
    expect(mine.entries.map((e: any) => e.amount).sort()).toEqual([0, 20, 5]);
    expect(mine.balance).toBe(25);
    expect(mine.entries.find((e: any) => e.amount === 5).text).toContain('（已达当日上限）');

    server.clock.advanceHours(24);
    const nextDay = await doneWish(helper, 1, { title: '换灯泡' });
    await nextDay.resident.ok('wishes', 'confirm', { wishId: nextDay.wishId });
    expect((await helper.ok('points', 'mine', {})).balance).toBe(35);
    await secretary.ok('org', 'updateSettings', { settings: { pointsDailyCap: 0 } });
  });

  test('a dispute before confirmation earns nothing; done again and confirmed, it earns once', async () => {
    await secretary.ok('org', 'updateSettings', { settings: { pointsPerHour: 10, pointsDailyCap: 0, pointsCategoryWeights: {} } });
    const helper = await newHelper('pts_dispute');
    const { wishId, resident } = await doneWish(helper, 1, { title: '水管漏水' });
    await resident.ok('wishes', 'dispute', { wishId, reason: '还在漏' });
    await helper.ok('tasks', 'complete', { wishId, note: '换了接头', hours: 2 });
    await resident.ok('wishes', 'confirm', { wishId });
    const mine = await helper.ok('points', 'mine', {});
    expect(mine.entries.map((e: any) => [e.kind, e.amount])).toEqual([['earn', 20]]);
  });
});

describe('爱心超市: the shelf, the code and the desk', () => {
  async function helperWith(key: string, points: number): Promise<Client> {
    const client = await newHelper(key);
    await grant(`u-${key}`, points);
    return client;
  }

  test('redeem → a code; the desk looks it up and hands over once; a used code is refused', async () => {
    const item = await shelf('食用油 1 桶', 40, 5);
    const helper = await helperWith('pts_shop', 100);
    const { redemption, balance } = await helper.ok('points', 'redeem', { itemId: item.id });
    expect(balance).toBe(60);
    expect(redemption).toMatchObject({ itemName: '食用油 1 桶', cost: 40, status: 'pending' });
    expect(redemption.code).toMatch(/^[A-Z2-9]{8}$/);
    expect(redemption.holderName).toBeUndefined();

    const shown = await secretary.ok('points', 'lookup', { code: redemption.code.toLowerCase().replace(/^(.{4})/, '$1-') });
    expect(shown.redemption).toMatchObject({ id: redemption.id, status: 'pending', holderName: '新志愿者op' });
    const done = await secretary.ok('points', 'fulfil', { code: redemption.code });
    expect(done.redemption.status).toBe('fulfilled');
    const twice = await secretary.call('points', 'fulfil', { code: redemption.code });
    expect(twice.status).toBe(409);
    expect(twice.body.ok || twice.body.error.message).toBe('该兑换码已核销，不能重复领取');
    const late = await helper.call('points', 'cancel', { redemptionId: redemption.id });
    expect(late.status).toBe(409);

    const mine = await helper.ok('points', 'mine', {});
    expect(mine.balance).toBe(60);
    expect(mine.redemptions[0]).toMatchObject({ code: redemption.code, status: 'fulfilled' });
    expect(mine.entries[0].text).toBe('兑换「食用油 1 桶」，使用 40 积分');
    const after = (await secretary.ok('points', 'catalogue', {})).items.find((i: any) => i.id === item.id);
    expect(after.stock).toBe(4);
  });

  test('cancel before hand-over: the points come back as a refund entry (the spend stays), the item goes back on the shelf', async () => {
    const item = await shelf('洗衣液', 30, 1);
    const helper = await helperWith('pts_refund', 30);
    const { redemption } = await helper.ok('points', 'redeem', { itemId: item.id });
    const soldOut = await (await helperWith('pts_refund2', 100)).call('points', 'redeem', { itemId: item.id });
    expect(soldOut.status).toBe(409);
    expect(soldOut.body.ok || soldOut.body.error.message).toBe('该物品已兑完');

    const { balance } = await helper.ok('points', 'cancel', { redemptionId: redemption.id });
    expect(balance).toBe(30);
    const mine = await helper.ok('points', 'mine', {});
    expect(mine.entries.map((e: any) => [e.kind, e.amount])).toEqual([['refund', 30], ['redeem', -30], ['earn', 30]]);
    expect(mine.entries[0].text).toBe('兑换「洗衣液」已取消，退回 30 积分');
    expect((await secretary.call('points', 'fulfil', { code: redemption.code })).status).toBe(409);
    expect((await helper.ok('points', 'catalogue', {})).items.find((i: any) => i.id === item.id).stock).toBe(1);
    await expectBooksBalanced();
  });

  test('not enough points, an item of another community, a code of another community: refused, nothing written', async () => {
    const item = await shelf('毛巾', 500, 3);
    const poor = await helperWith('pts_poor', 10);
    const refused = await poor.call('points', 'redeem', { itemId: item.id });
    expect(refused.status).toBe(409);
    expect(refused.body.ok || refused.body.error.message).toBe('积分不足：需要 500 积分，当前 10 积分');
    expect((await poor.ok('points', 'mine', {})).redemptions).toEqual([]);

    const far = await server.login('volunteer_bh');
    expect((await far.call('points', 'redeem', { itemId: item.id })).status).toBe(404);

    const rich = await helperWith('pts_rich', 500);
    const { redemption } = await rich.ok('points', 'redeem', { itemId: item.id });
    expect((await (await server.login('secretary2')).call('points', 'lookup', { code: redemption.code })).status).toBe(404);
    expect((await rich.call('points', 'lookup', { code: redemption.code })).status).toBe(403);
    expect((await poor.call('points', 'cancel', { redemptionId: redemption.id })).status).toBe(404);
  });

  test('100 concurrent redemptions of the last 3 items: exactly 3 succeed, each winner pays once, stock never below zero', async () => {
    const item = await shelf('爱心大米 10 斤', 50, 3);
    const crowd: Client[] = [];
    for (let i = 0; i < 100; i++) crowd.push(await helperWith(`pts_crowd_${String(i).padStart(3, '0')}`, 80));
    const replies = await Promise.all(crowd.map((c) => c.call('points', 'redeem', { itemId: item.id })));
    const winners = replies.map((r, i) => ({ r, i })).filter(({ r }) => r.body.ok);
    expect(winners).toHaveLength(3);
    expect(replies.filter((r) => !r.body.ok).every((r) => r.status === 409)).toBe(true);
    expect(replies.filter((r) => r.status >= 500)).toEqual([]);

    const balances = await Promise.all(crowd.map(async (c) => (await c.ok('points', 'mine', {})).balance));
    const winnerIdx = new Set(winners.map((w) => w.i));
    balances.forEach((b, i) => expect(b).toBe(winnerIdx.has(i) ? 30 : 80));
    const stock = (await server.db.collection('store_items').findOne({ _id: item.id } as never)) as unknown as { stock: number };
    expect(stock.stock).toBe(0);
    expect(await server.db.collection('redemptions').countDocuments({ itemId: item.id })).toBe(3);
    await expectBooksBalanced();
  });

  test('one helper sends ten redemptions at once that their points cover once: one succeeds, the balance drops once', async () => {
    const item = await shelf('雨伞', 60, 10);
    const helper = await helperWith('pts_twice', 100);
    const replies = await Promise.all(Array.from({ length: 10 }, () => helper.call('points', 'redeem', { itemId: item.id })));
    expect(replies.filter((r) => r.body.ok)).toHaveLength(1);
    expect((await helper.ok('points', 'mine', {})).balance).toBe(40);
  });
});

/** Test set-up only: points posted through the real ledger repository, as an earning with a source of its own. */
async function grant(userId: string, points: number) {
  const repos = repositoriesOf(server.db);
  await repos.inTransaction(({ ledger }) =>
    ledger.post({ _id: `earn:grant-${userId}`, communityId: 'com-taoyuan', userId, kind: 'earn', amount: points, sourceId: `grant-${userId}`, at: new Date() }),
  );
}
