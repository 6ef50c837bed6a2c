/**
 * 时间银行 (issue 12 item 4): confirmed hours are deposited; a wish paid by hours holds them at posting, charges them
 * on confirmation and releases them on a cancel or rejection; family members link by consent and give each other
 * hours; a balance is per person per town, the sum of the ledger, and honoured in every community of the town.
 */
import { randomUUID } from 'node:crypto';
import { repositoriesOf } from '../../cloudfunctions/_core/store/repositories';
import { startTestServer, wishInput, type Client, type Reply, type TestServer } from './harness';

const err = (r: Reply) => (r.body as { error: { code: string; message: string } }).error;

let server: TestServer;
let secretary: Client;
beforeAll(async () => {
  server = await startTestServer({ config: { rateLimitPerMinute: 100_000 } as never });
  secretary = await server.login('secretary');
  await secretary.ok('org', 'updateSettings', { settings: { postsPerDay: 100, maxOpenTasksPerHelper: 50, pointsPerHour: 10, pointsDailyCap: 0, pointsCategoryWeights: {} } });
  for (const key of ['secretary_hy', 'secretary2']) await (await server.login(key)).ok('org', 'updateSettings', { settings: { postsPerDay: 100 } });
});
afterAll(() => server?.stop());

const PLACES = {
  taoyuan: { communityId: 'com-taoyuan', townId: 'town-huayuan', location: [113.9951, 31.2527] },
  huayuanjie: { communityId: 'com-huayuanjie', townId: 'town-huayuan', location: [113.9872, 31.2561] },
  shizishan: { communityId: 'com-shizishan', townId: 'town-chengguan', location: [110.1125, 32.8093] },
} as const;
type Place = keyof typeof PLACES;

let phones = 0;
/** Someone with no history, living in `place`: a resident who also volunteers. */
async function person(key: string, name: string, place: Place = 'taoyuan'): Promise<Client & { phone: string; id: string }> {
  const { communityId, townId } = PLACES[place];
  const phone = `1770000${String(++phones).padStart(4, '0')}`;
  await server.db.collection('users').insertOne({
    _id: `u-${key}`, devKey: key, name, phone, memberships: [{ communityId, townId, roles: ['resident', 'volunteer'] }], createdAt: new Date(),
  } as never);
  return Object.assign(await server.login(key), { phone, id: `u-${key}` });
}

/** A wish input of `place` (no building: each community has its own). */
function wishAt(place: Place, over: Record<string, unknown> = {}) {
  const { buildingId: _b, ...input } = wishInput(over);
  return { ...input, address: '3栋1单元201室', location: { type: 'Point', coordinates: PLACES[place].location } };
}

/** A wish of `owner` taken and finished by `helper` with `hours` reported, waiting for the resident. */
async function doneWish(owner: Client, helper: Client, hours: number, over: Record<string, unknown> = {}) {
  const { wish } = await owner.ok('wishes', 'create', wishInput(over));
  await secretary.ok('dispatch', 'approve', { wishId: wish.id });
  await helper.ok('tasks', 'claim', { wishId: wish.id });
  await helper.ok('tasks', 'start', { wishId: wish.id });
  await helper.ok('tasks', 'complete', { wishId: wish.id, note: '已完成', hours });
  return wish.id as string;
}

/** Hours someone has in the bank, for set-up: a deposit through the real ledger, with a source of its own. */
async function deposit(userId: string, hours: number, townId = 'town-huayuan') {
  await repositoriesOf(server.db).inTransaction(({ timebank }) =>
    timebank.post({ _id: `deposit:grant-${userId}-${hours}`, townId, userId, kind: 'deposit', hours, sourceId: `grant-${userId}-${hours}`, at: new Date() }),
  );
}

async function expectBooksBalanced(as: Client = secretary) {
  const audit = await as.ok('timebank', 'audit', {});
  expect(audit.mismatches).toEqual([]);
  expect(audit.openHoldsOnSettledWishes).toEqual([]);
}

describe('deposits: confirmed hours, and only those', () => {
  test('the resident confirms: the helper\'s reported hours are deposited once, beside the points, with a sentence in the history', async () => {
    const owner = await person('tb_owner1', '周阿姨');
    const helper = await person('tb_helper1', '吴志愿');
    const wishId = await doneWish(owner, helper, 1.5, { title: '修理楼道扶手' });
    expect((await helper.ok('timebank', 'mine', {})).balance).toBe(0); // done is not confirmed

    await owner.ok('wishes', 'confirm', { wishId });
    expect((await owner.call('wishes', 'confirm', { wishId })).body.ok).toBe(false);
    const mine = await helper.ok('timebank', 'mine', {});
    expect(mine).toMatchObject({ townId: 'town-huayuan', townName: '花园镇', balance: 1.5, held: 0 });
    expect(mine.entries).toEqual([expect.objectContaining({ kind: 'deposit', hours: 1.5, wishId, text: '「修理楼道扶手」经确认，存入 1.5 小时' })]);
    expect((await helper.ok('points', 'mine', {})).balance).toBe(15);
    await expectBooksBalanced();
  });

  test('auto-confirm deposits the same way', async () => {
    const owner = await person('tb_owner2', '郑奶奶');
    const helper = await person('tb_helper2', '冯志愿');
    await doneWish(owner, helper, 2, { title: '帮忙搬家具', category: 'daily_help' });
    server.clock.advanceHours(24 * 4);
    await server.anonymous().ok('cron', 'tick', {});
    expect((await helper.ok('timebank', 'mine', {})).balance).toBe(2);
  });

  test('a disputed completion deposits nothing; done again and confirmed, it deposits once, with the hours reported then', async () => {
    const owner = await person('tb_owner3', '陈大爷');
    const helper = await person('tb_helper3', '褚志愿');
    const wishId = await doneWish(owner, helper, 1, { title: '水管漏水' });
    await owner.ok('wishes', 'dispute', { wishId, reason: '还在漏' });
    expect((await helper.ok('timebank', 'mine', {})).entries).toEqual([]);
    await helper.ok('tasks', 'complete', { wishId, note: '换了接头', hours: 2 });
    await owner.ok('wishes', 'confirm', { wishId });
    const mine = await helper.ok('timebank', 'mine', {});
    expect(mine.entries.map((e: any) => [e.kind, e.hours])).toEqual([['deposit', 2]]);
  });
});

describe('withdrawals: a wish paid by hours', () => {
  test('held at posting, shown on the wish; the helper earns as usual; charged on confirmation', async () => {
    const elder = await person('tb_payer1', '卫奶奶');
    const helper = await person('tb_helper4', '蒋志愿');
    await deposit(elder.id, 3);
    const { wish } = await elder.ok('wishes', 'create', wishInput({ title: '陪同去医院复查', category: 'medical_trip', paidHours: 2 }));
    expect(wish.paidHours).toBe(2);
    expect(await elder.ok('timebank', 'mine', {})).toMatchObject({ balance: 1, held: 2 });
    expect((await secretary.ok('wishes', 'detail', { wishId: wish.id })).wish.paidHours).toBe(2);

    await secretary.ok('dispatch', 'approve', { wishId: wish.id });
    await helper.ok('tasks', 'claim', { wishId: wish.id });
    await helper.ok('tasks', 'start', { wishId: wish.id });
    await helper.ok('tasks', 'complete', { wishId: wish.id, note: '已陪同复查', hours: 2.5 });
    await elder.ok('wishes', 'confirm', { wishId: wish.id });

    const mine = await elder.ok('timebank', 'mine', {});
    expect(mine).toMatchObject({ balance: 1, held: 0 });
    expect(mine.entries.map((e: any) => e.text)).toEqual([
      '心愿「陪同去医院复查」已确认完成，预扣的时间正式支付',
      '发布心愿「陪同去医院复查」用时间支付，预扣 2 小时',
      '「一次服务」经确认，存入 3 小时'.replace('「一次服务」', '一次服务'),
    ]);
    expect((await helper.ok('timebank', 'mine', {})).balance).toBe(2.5);
    await expectBooksBalanced();
  });

  test('cancelled, the hours come back; rejected, they come back; resubmitted, they are held again', async () => {
    const payer = await person('tb_payer2', '沈阿姨');
    await deposit(payer.id, 4);
    const first = (await payer.ok('wishes', 'create', wishInput({ title: '帮忙取快递', paidHours: 1 }))).wish;
    const second = (await payer.ok('wishes', 'create', wishInput({ title: '修理纱窗', paidHours: 2 }))).wish;
    expect((await payer.ok('timebank', 'mine', {})).balance).toBe(1);

    await payer.ok('wishes', 'cancel', { wishId: first.id, reason: '自己取了' });
    expect(await payer.ok('timebank', 'mine', {})).toMatchObject({ balance: 2, held: 2 });
    await secretary.ok('dispatch', 'reject', { wishId: second.id, reason: '请写明楼层' });
    expect(await payer.ok('timebank', 'mine', {})).toMatchObject({ balance: 4, held: 0 });
    await payer.ok('wishes', 'resubmit', { wishId: second.id, description: '三楼的纱窗破了，需要有人帮忙换一下。' });
    expect(await payer.ok('timebank', 'mine', {})).toMatchObject({ balance: 2, held: 2 });
    const kinds = (await payer.ok('timebank', 'mine', {})).entries.map((e: any) => [e.kind, e.hours]);
    expect(kinds).toEqual([['hold', -2], ['release', 2], ['release', 1], ['hold', -2], ['hold', -1], ['deposit', 4]]);
    await expectBooksBalanced();
  });

  test('more hours than the balance: refused with INSUFFICIENT_HOURS, no wish written; a resubmission short of hours likewise', async () => {
    const payer = await person('tb_payer3', '韩大爷');
    await deposit(payer.id, 1);
    const refused = await payer.call('wishes', 'create', wishInput({ title: '打扫卫生', paidHours: 1.5 }));
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_HOURS', message: '时间余额不足：需要 1.5 小时，当前可用 1 小时' } });
    expect(await server.db.collection('wishes').countDocuments({ ownerId: payer.id })).toBe(0);

    const { wish } = await payer.ok('wishes', 'create', wishInput({ title: '打扫卫生', paidHours: 1 }));
    await secretary.ok('dispatch', 'reject', { wishId: wish.id, reason: '请写明时间' });
    await payer.ok('wishes', 'create', wishInput({ title: '换灯泡', paidHours: 1 }));
    const resubmit = await payer.call('wishes', 'resubmit', { wishId: wish.id, description: '周六上午来打扫一下客厅和厨房。' });
    expect(resubmit.body).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_HOURS' } });
    expect((await secretary.ok('wishes', 'detail', { wishId: wish.id })).wish.status).toBe('rejected');
    await expectBooksBalanced();
  });

  test('two wishes posted at once that the balance covers only once: exactly one is posted, the balance never below zero', async () => {
    const payer = await person('tb_race', '杨奶奶');
    await deposit(payer.id, 2);
    const replies = await Promise.all([
      payer.call('wishes', 'create', wishInput({ title: '陪聊天', category: 'companionship', paidHours: 2 }), randomUUID()),
      payer.call('wishes', 'create', wishInput({ title: '读报纸', category: 'companionship', paidHours: 2 }), randomUUID()),
    ]);
    expect(replies.map((r) => (r.body.ok ? 'ok' : err(r).code)).sort()).toEqual(['INSUFFICIENT_HOURS', 'ok']);
    expect(err(replies.find((r) => !r.body.ok)!).code).toBe('INSUFFICIENT_HOURS');
    expect(await payer.ok('timebank', 'mine', {})).toMatchObject({ balance: 0, held: 2 });
    expect(await server.db.collection('wishes').countDocuments({ ownerId: payer.id })).toBe(1);
    await expectBooksBalanced();
  });
});

describe('family: linked by consent, hours given, wishes posted for them', () => {
  test('asked by phone, the name masked until accepted; accepted, hours are given and a wish is posted for them', async () => {
    const son = await person('tb_son', '朱小明');
    const mother = await person('tb_mother', '朱妈妈', 'huayuanjie');
    await deposit(son.id, 5);

    const { link } = await son.ok('timebank', 'askFamily', { phone: mother.phone, relation: 'parent' });
    expect(link).toMatchObject({ status: 'pending', askedByMe: true, relation: 'parent', other: { id: mother.id, name: '朱**' } });
    expect(err(await son.call('timebank', 'transfer', { toUserId: mother.id, hours: 1 })).code).toBe('VALIDATION_FAILED');
    expect((await son.call('timebank', 'answerFamily', { linkId: link.id, accept: true })).status).toBe(403);

    const seen = (await mother.ok('timebank', 'mine', {})).family;
    expect(seen).toEqual([expect.objectContaining({ id: link.id, status: 'pending', askedByMe: false, relation: 'child', other: { id: son.id, name: '朱小明' } })]);
    await mother.ok('timebank', 'answerFamily', { linkId: link.id, accept: true });
    expect((await son.ok('timebank', 'mine', {})).family[0]).toMatchObject({ status: 'accepted', other: { name: '朱妈妈' } });

    const given = await son.ok('timebank', 'transfer', { toUserId: mother.id, hours: 2 });
    expect(given.balance).toBe(3);
    expect(given.entry.text).toBe('转给朱妈妈 2 小时');
    const hers = await mother.ok('timebank', 'mine', {});
    expect(hers.balance).toBe(2);
    expect(hers.entries[0].text).toBe('朱小明转入 2 小时');

    // 通存通兑: hours earned in 桃源社区 pay for help in 花园街社区, the other community of 花园镇.
    const { wish } = await mother.ok('wishes', 'create', wishAt('huayuanjie', { title: '帮忙买菜', category: 'daily_help', paidHours: 2 }));
    expect(wish).toMatchObject({ communityId: 'com-huayuanjie', paidHours: 2 });
    expect((await mother.ok('timebank', 'mine', {})).balance).toBe(0);

    // The son posts for his mother: she is named on the wish, his hours pay.
    const forHer = (await son.ok('wishes', 'create', wishInput({ title: '给妈妈修水龙头', paidHours: 1, forFamilyId: mother.id }))).wish;
    expect(forHer.beneficiary).toMatchObject({ userId: mother.id, name: '朱妈妈' });
    expect((await son.ok('timebank', 'mine', {})).entries[0].text).toBe('发布心愿「给妈妈修水龙头」（为朱妈妈）用时间支付，预扣 1 小时');
    await expectBooksBalanced();
    await expectBooksBalanced(await server.login('secretary_hy'));
  });

  test('the family member a wish was posted for finds it among their own, reads it in full, confirms and rates it; the poster’s hours pay', async () => {
    const daughter = await person('tb_daughter', '秦小红');
    const father = await person('tb_father', '秦大爷');
    const helper = await person('tb_helper_f', '韩志愿');
    const neighbour = await person('tb_neighbour_f', '许邻居');
    await deposit(daughter.id, 4);
    const { link } = await daughter.ok('timebank', 'askFamily', { phone: father.phone, relation: 'parent' });
    await father.ok('timebank', 'answerFamily', { linkId: link.id, accept: true });

    // Waiting: he sees it, may nudge it, but neither cancels it (her hours are held for it) nor claims it to help himself.
    const waiting = (await daughter.ok('wishes', 'create', wishInput({ title: '给爸爸修门锁', paidHours: 1, forFamilyId: father.id }))).wish;
    expect((await father.ok('wishes', 'mine', {})).items.map((w: { id: string }) => w.id)).toContain(waiting.id);
    expect(err(await father.call('wishes', 'cancel', { wishId: waiting.id, reason: '不需要了' })).code).toBe('FORBIDDEN');
    await secretary.ok('dispatch', 'approve', { wishId: waiting.id });
    expect(err(await father.call('tasks', 'claim', { wishId: waiting.id })).code).toBe('FORBIDDEN');
    // Both hear that it was approved: the help is his, the hours hers.
    for (const who of [daughter, father]) {
      const heard = (await who.ok('notify', 'inbox', { limit: 20 })).items.filter((m: { wishId?: string }) => m.wishId === waiting.id);
      expect(heard.map((m: { template: string }) => m.template)).toContain('wish_approved');
    }

    const wishId = await doneWish(daughter, helper, 1.5, { title: '陪爸爸去医院复查', paidHours: 2, forFamilyId: father.id });
    const detail = await father.ok('wishes', 'detail', { wishId });
    expect(detail.relations).toEqual(['beneficiary']);
    expect(detail.wish).toMatchObject({ ownerId: daughter.id, ownerName: '秦小红', contactVisible: true, beneficiary: { userId: father.id, name: '秦大爷' } });
    expect(detail.actions).toEqual(expect.arrayContaining(['confirm', 'dispute']));
    expect(detail.actions).not.toContain('cancel');
    // Anyone else of the community: no such wish.
    expect(err(await neighbour.call('wishes', 'detail', { wishId })).code).toBe('NOT_FOUND');

    // He hears that it was done, as she does, and is asked to confirm.
    const told = (await father.ok('notify', 'inbox', { limit: 20 })).items.filter((m: { wishId?: string }) => m.wishId === wishId);
    expect(told.map((m: { template: string }) => m.template)).toEqual(expect.arrayContaining(['wish_claimed', 'wish_completed']));
    // He was helped: he confirms and rates, as the owner would; her held hours are charged, the helper earns his.
    await father.ok('wishes', 'confirm', { wishId });
    const rated = (await father.ok('wishes', 'rate', { wishId, stars: 5, comment: '女儿安排的，小韩很细心' })).wish;
    expect(rated.rating).toMatchObject({ stars: 5, by: father.id });
    expect((await daughter.ok('timebank', 'mine', {})).balance).toBe(1);
    expect((await helper.ok('timebank', 'mine', {})).balance).toBe(1.5);
    expect((await father.ok('timebank', 'mine', {})).balance).toBe(0);
    await expectBooksBalanced();

    // Told as a 微故事, it is about him as much as her: both are asked, and his answer counts.
    const { story } = await secretary.ok('stories', 'draft', { wishId, note: '秦小红在外地上班，小韩陪秦大爷去医院复查。' });
    for (const who of [daughter, father]) {
      const asked = (await who.ok('notify', 'inbox', { limit: 20 })).items.filter((m: { wishId?: string }) => m.wishId === wishId);
      expect(asked.map((m: { template: string }) => m.template)).toContain('story_consent_requested');
      expect((await who.ok('stories', 'ofWish', { wishId })).story).toMatchObject({ id: story.id, status: 'awaiting_consent' });
    }
    expect((await father.ok('stories', 'consent', { storyId: story.id, consent: true })).story.status).toBe('consented');
    // Either of them may take it back; the neighbour may not answer at all.
    expect(err(await neighbour.call('stories', 'consent', { storyId: story.id, consent: false })).code).toBe('NOT_FOUND');
    expect((await daughter.ok('stories', 'consent', { storyId: story.id, consent: false })).story.status).toBe('withdrawn');
  });

  test('not family, no longer family, declined, or oneself: no wish for them, no hours given', async () => {
    const a = await person('tb_a', '秦一');
    const b = await person('tb_b', '秦二');
    const c = await person('tb_c', '秦三');
    await deposit(a.id, 3);
    expect(err(await a.call('wishes', 'create', wishInput({ forFamilyId: b.id })))).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ path: 'forFamilyId' }] } });
    expect(err(await a.call('timebank', 'transfer', { toUserId: a.id, hours: 1 })).message).toBe('不能转给自己');
    expect(err(await a.call('timebank', 'askFamily', { phone: a.phone, relation: 'other' })).message).toBe('不能添加自己为家人');
    expect((await a.call('timebank', 'askFamily', { phone: '13000000000', relation: 'other' })).status).toBe(404);

    const asked = (await a.ok('timebank', 'askFamily', { phone: c.phone, relation: 'sibling' })).link;
    await c.ok('timebank', 'answerFamily', { linkId: asked.id, accept: false });
    expect(err(await a.call('timebank', 'transfer', { toUserId: c.id, hours: 1 })).code).toBe('VALIDATION_FAILED');

    const linked = (await a.ok('timebank', 'askFamily', { phone: b.phone, relation: 'sibling' })).link;
    await b.ok('timebank', 'answerFamily', { linkId: linked.id, accept: true });
    expect((await c.call('timebank', 'removeFamily', { linkId: linked.id })).status).toBe(404);
    await b.ok('timebank', 'removeFamily', { linkId: linked.id });
    expect(err(await a.call('timebank', 'transfer', { toUserId: b.id, hours: 1 })).message).toBe('只能转给已确认关系的家人');
    expect((await a.ok('timebank', 'mine', {})).balance).toBe(3);
  });

  test('another town honours none of it: a family member there cannot be given hours, and hours of 花园镇 pay for nothing in 城关镇', async () => {
    const giver = await person('tb_giver', '许大哥');
    const far = await person('tb_far', '许小妹', 'shizishan');
    await deposit(giver.id, 3);
    await deposit(far.id, 3); // hers, but in 花园镇
    const { link } = await giver.ok('timebank', 'askFamily', { phone: far.phone, relation: 'sibling' });
    await far.ok('timebank', 'answerFamily', { linkId: link.id, accept: true });
    const transfer = await giver.call('timebank', 'transfer', { toUserId: far.id, hours: 1 });
    expect(err(transfer)).toMatchObject({ code: 'VALIDATION_FAILED', message: '对方不在本镇街：时间在同一镇街的各社区通存通兑' });

    expect(await far.ok('timebank', 'mine', {})).toMatchObject({ townId: 'town-chengguan', balance: 0 });
    const refused = await far.call('wishes', 'create', wishAt('shizishan', { title: '帮忙修自行车', paidHours: 1 }));
    expect(err(refused)).toMatchObject({ code: 'INSUFFICIENT_HOURS', message: '时间余额不足：需要 1 小时，当前可用 0 小时' });
  });
});
