import { strFromU8, unzipSync } from 'fflate';
import { startTestServer, wishInput, TAOYUAN, type TestServer } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  // The demo residents already posted today; these tests post more than a day's share.
  await (await server.login('secretary')).ok('org', 'updateSettings', { settings: { postsPerDay: 50 } });
});
afterAll(() => server?.stop());

describe('the 三单 loop through the HTTP gateway', () => {
  test('a resident posts, the secretary approves, a volunteer claims and completes, the resident confirms and rates', async () => {
    const resident = await server.login('resident');
    const secretary = await server.login('secretary');
    const volunteer = await server.login('volunteer');

    const { wish } = await resident.ok('wishes', 'create', wishInput());
    expect(wish).toMatchObject({ status: 'pending_review', communityId: 'com-taoyuan', gridId: 'grid-taoyuan-2', contactPhone: '13807120001' });

    const queue = await secretary.ok('dispatch', 'queue', {});
    expect(queue.items.map((w: any) => w.id)).toContain(wish.id);

    const approved = await secretary.ok('dispatch', 'approve', { wishId: wish.id, priority: 'high' });
    expect(approved.wish).toMatchObject({ status: 'open', priority: 'high' });

    const nearby = await volunteer.ok('tasks', 'nearby', { ...TAOYUAN, radiusM: 2000 });
    const mine = nearby.items.find((x: any) => x.id === wish.id);
    expect(mine).toMatchObject({ title: '阳台晾衣架坏了', category: 'repair', contactPhone: '138****0001' });
    // Urgent wishes lead; within each group, nearest first.
    const urgentFirst = nearby.items.map((x: any) => x.priority === 'urgent');
    expect(urgentFirst).toEqual([...urgentFirst].sort((a, b) => Number(b) - Number(a)));
    for (const group of [true, false]) {
      const distances = nearby.items.filter((x: any) => (x.priority === 'urgent') === group).map((x: any) => x.distanceM);
      expect(distances).toEqual([...distances].sort((a, b) => a - b));
    }

    const claimed = await volunteer.ok('tasks', 'claim', { wishId: wish.id });
    expect(claimed.wish.status).toBe('claimed');
    expect(new Date(claimed.leaseUntil).getTime()).toBeGreaterThan(server.clock.now().getTime());
    // Holding the claim, the volunteer now sees how to reach the resident.
    const seen = await volunteer.ok('wishes', 'detail', { wishId: wish.id });
    expect(seen.wish.contactPhone).toBe('13807120001');
    expect(seen.wish.address).toBe('桃源小区G5栋2单元301室');

    await volunteer.ok('tasks', 'start', { wishId: wish.id });
    await volunteer.ok('tasks', 'progress', { wishId: wish.id, note: '已约好明天上午上门', photos: ['cloud://env/photos/before.jpg'] });
    const done = await volunteer.ok('tasks', 'complete', { wishId: wish.id, note: '已更换滑轮，可以正常升降', photos: ['cloud://env/photos/a.jpg'], hours: 1.5 });
    expect(done.wish.status).toBe('done');

    await resident.ok('wishes', 'confirm', { wishId: wish.id });
    const rated = await resident.ok('wishes', 'rate', { wishId: wish.id, stars: 5, comment: '修得很好，谢谢小张' });
    expect(rated.wish).toMatchObject({ status: 'confirmed', rating: { stars: 5, comment: '修得很好，谢谢小张' } });

    const detail = await resident.ok('wishes', 'detail', { wishId: wish.id });
    expect(detail.events.map((e: any) => e.action)).toEqual(['create', 'approve', 'claim', 'start', 'progress', 'complete', 'confirm', 'rate']);
    expect(detail.events[2]).toMatchObject({ from: 'open', to: 'claimed', actor: { kind: 'user', userId: 'u-volunteer' } });
    // Photos stay with the step they were sent with: the resident sees the "before" with the progress report.
    expect(detail.events[4]).toMatchObject({ action: 'progress', note: '已约好明天上午上门', photos: ['cloud://env/photos/before.jpg'] });
    expect(detail.events[5]).toMatchObject({ action: 'complete', photos: ['cloud://env/photos/a.jpg'] });
    expect(detail.people['u-volunteer']).toBe('张晓东');

    const inbox = await resident.ok('notify', 'inbox', {});
    const titles = inbox.items.filter((m: any) => m.wishId === wish.id).map((m: any) => m.template);
    expect(titles).toEqual(expect.arrayContaining(['wish_approved', 'wish_claimed', 'wish_completed', 'rate_reminder']));
    const secretaryInbox = await secretary.ok('notify', 'inbox', { unreadOnly: true });
    expect(secretaryInbox.items.some((m: any) => m.wishId === wish.id && m.template === 'new_pending_wish')).toBe(true);

    const wall = await resident.ok('stats', 'wall', {});
    const onWall = wall.items.find((x: any) => x.id === wish.id);
    expect(onWall).toMatchObject({ residentName: '胡**', helpers: ['张**'], stars: 5, status: 'confirmed' });
    expect(JSON.stringify(onWall)).not.toContain('13807120001');
  });

  test('the headline numbers count what happened', async () => {
    const secretary = await server.login('secretary');
    const before = await secretary.ok('stats', 'overview', {});
    const resident = await server.login('resident2');
    await resident.ok('wishes', 'create', wishInput({ buildingId: 'bld-g2', title: '门锁坏了' }));
    const after = await secretary.ok('stats', 'overview', {});
    expect(after.collected).toBe(before.collected + 1);
    expect(after.pendingReview).toBe(before.pendingReview + 1);
    expect(after).toEqual(expect.objectContaining({ approved: expect.any(Number), claimed: expect.any(Number), completed: expect.any(Number), confirmed: expect.any(Number), serviceCount: expect.any(Number) }));
    expect(after.avgRating).toBeGreaterThanOrEqual(1);
  });

  test('the dashboard breaks numbers down by month, category and grid, and ranks units and volunteers', async () => {
    const secretary = await server.login('secretary');
    const byCategory = await secretary.ok('stats', 'breakdown', { by: 'category' });
    expect(byCategory.rows.find((r: any) => r.key === 'repair')).toMatchObject({ label: '维修', count: expect.any(Number) });
    const byMonth = await secretary.ok('stats', 'breakdown', { by: 'month' });
    expect(byMonth.rows.every((r: any) => /^\d{4}-\d{2}$/.test(r.key))).toBe(true);
    expect(byMonth.rows.reduce((n: number, r: any) => n + r.count, 0)).toBeGreaterThan(20);
    const byGrid = await secretary.ok('stats', 'breakdown', { by: 'grid' });
    expect(byGrid.rows.map((r: any) => r.label)).toEqual(expect.arrayContaining(['桃源第二网格', '花园新村网格']));
    const units = await secretary.ok('stats', 'leaderboard', { kind: 'unit' });
    expect(units.rows[0]).toMatchObject({ name: '孝昌县妇幼保健院' });
    const volunteers = await secretary.ok('stats', 'leaderboard', { kind: 'volunteer', metric: 'hours' });
    expect(volunteers.rows.length).toBeGreaterThan(2);
    expect(volunteers.rows[0].hours).toBeGreaterThanOrEqual(volunteers.rows[1].hours);
  });

  test('the secretary exports the ledger as an Excel workbook, or as CSV, with times as people in China read them', async () => {
    const secretary = await server.login('secretary');
    const resident = await server.login('resident');
    const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '=台账导出测试' }));

    const book = await secretary.ok('stats', 'export', {});
    expect(book).toMatchObject({ mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', truncated: false });
    expect(book.fileName).toMatch(/^心愿台账-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const parts = unzipSync(Buffer.from(book.base64, 'base64'));
    const strings = strFromU8(parts['xl/sharedStrings.xml']);
    for (const text of ['心愿编号', wish.number, '系统编号', '提交时间', '=台账导出测试', '待审核', '小程序']) expect(strings).toContain(text);
    const rows = strFromU8(parts['xl/worksheets/sheet1.xml']).match(/<row /g) ?? [];
    expect(rows.length).toBe(book.rows + 1);
    expect(strFromU8(parts['xl/workbook.xml'])).toContain('心愿台账');

    const file = await secretary.ok('stats', 'export', { format: 'csv' });
    expect(file).toMatchObject({ mimeType: 'text/csv;charset=utf-8', rows: book.rows });
    const csv = Buffer.from(file.base64, 'base64').toString('utf8');
    expect(csv.startsWith('\uFEFF心愿编号,标题,类别,状态')).toBe(true);
    const line = csv.split('\r\n').find((l) => l.startsWith(`${wish.number},`))!;
    expect(line.endsWith(`,${wish.id}`)).toBe(true);
    // Kept as text, never run as a formula; the time is Beijing time (UTC+8) to the minute.
    const created = new Date(wish.createdAt);
    const beijing = new Date(created.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(line.split(',').slice(1, 6)).toEqual(["'=台账导出测试", '维修', '待审核', expect.any(String), beijing]);

    const refused = await resident.call('stats', 'export', {});
    expect(refused.status).toBe(403);
  });

  test('the public wall never shows legal aid, mediation or medical wishes, and keeps anonymous residents anonymous', async () => {
    const wall = await server.anonymous().ok('stats', 'wall', { communityId: 'com-taoyuan' });
    expect(wall.items.length).toBeGreaterThan(3);
    for (const item of wall.items) expect(['legal_aid', 'mediation', 'medical_trip', 'health']).not.toContain(item.category);
    expect(wall.items.find((x: any) => x.title === '独居老人希望有人陪聊天')?.residentName).toBe('匿名居民');
    // Ids are random hex and may hold a run of digits; every other field is text a person reads.
    const readable = wall.items.map(({ id: _id, ...rest }: any) => rest);
    expect(JSON.stringify(readable)).not.toMatch(/1[3-9]\d{9}/);
  });

  test('a grid worker enters a wish for an elder by phone; an urgent one is dispatched at once to a unit, which hands it to a member', async () => {
    const gridWorker = await server.login('grid_worker');
    const unitAdmin = await server.login('unit_admin');
    const member = await server.login('unit_member');
    const elder = await server.login('elder');

    const { wish } = await gridWorker.ok('dispatch', 'proxyCreate', {
      ...wishInput({ buildingId: 'bld-x1', title: '老人摔倒后需要陪护就医', category: 'medical_trip', contactPhone: undefined }),
      channel: 'phone',
      beneficiary: { userId: 'u-elder', name: '李桂英', phone: '07194567890' },
      priority: 'urgent',
      approveNow: true,
      assignTo: { kind: 'unit', id: 'unit-fuyou' },
    });
    expect(wish).toMatchObject({ status: 'assigned', channel: 'phone', priority: 'urgent', ownerId: 'u-elder', createdBy: 'u-grid_worker' });

    const tasks = await unitAdmin.ok('tasks', 'mine', { status: 'assigned' });
    expect(tasks.items.map((w: any) => w.id)).toContain(wish.id);
    await unitAdmin.ok('tasks', 'accept', { wishId: wish.id });
    const handed = await unitAdmin.ok('tasks', 'handover', { wishId: wish.id, toUserId: 'u-unit_member' });
    expect(handed.wish.claims[0]).toMatchObject({ kind: 'unit', unitId: 'unit-fuyou', assigneeId: 'u-unit_member' });
    await member.ok('tasks', 'start', { wishId: wish.id });
    await member.ok('tasks', 'complete', { wishId: wish.id, note: '已陪同到卫生院检查，无大碍' });
    await elder.ok('wishes', 'confirm', { wishId: wish.id });
    const detail = await elder.ok('wishes', 'detail', { wishId: wish.id });
    expect(detail.events[0]).toMatchObject({ action: 'create', meta: { channel: 'phone' } });
    expect(detail.events.map((e: any) => e.action)).toEqual(['create', 'approve', 'accept', 'handover', 'start', 'complete', 'confirm']);
  });

  test('a rejected wish is edited and resubmitted; an assignee may decline back to the pool', async () => {
    const resident = await server.login('resident2');
    const secretary = await server.login('secretary');
    const party = await server.login('party_member');
    const { wish } = await resident.ok('wishes', 'create', wishInput({ buildingId: 'bld-g2', title: '想办个生日会' }));
    const rejected = await secretary.ok('dispatch', 'reject', { wishId: wish.id, reason: '请写明需要什么帮助' });
    expect(rejected.wish).toMatchObject({ status: 'rejected', rejectReason: '请写明需要什么帮助' });
    const again = await resident.ok('wishes', 'resubmit', { wishId: wish.id, description: '独居老人八十大寿，希望志愿者来陪老人过生日。', category: 'companionship' });
    expect(again.wish).toMatchObject({ status: 'pending_review', category: 'companionship' });
    expect(again.wish.rejectReason).toBeUndefined();

    await secretary.ok('dispatch', 'approve', { wishId: wish.id, assignTo: { kind: 'user', id: 'u-party_member' } });
    const declined = await party.ok('tasks', 'decline', { wishId: wish.id, reason: '那天在外地' });
    expect(declined.wish.status).toBe('open');
    expect(declined.wish.assignment).toBeUndefined();
  });

  test('a wish for several helpers fills its places one claim at a time; a released place opens again', async () => {
    const resident = await server.login('resident');
    const secretary = await server.login('secretary');
    const a = await server.login('volunteer');
    const b = await server.login('volunteer2');
    const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '帮忙搬家', helpersNeeded: 2 }));
    await secretary.ok('dispatch', 'approve', { wishId: wish.id });
    // Still open while a place is free: others can join.
    expect((await a.ok('tasks', 'claim', { wishId: wish.id })).wish).toMatchObject({ status: 'open', slotsFree: 1 });
    expect((await b.ok('tasks', 'claim', { wishId: wish.id })).wish).toMatchObject({ status: 'claimed', slotsFree: 0 });
    expect((await b.ok('tasks', 'release', { wishId: wish.id, reason: '临时有事' })).wish).toMatchObject({ status: 'open', slotsFree: 1 });
    expect((await a.ok('tasks', 'release', { wishId: wish.id })).wish).toMatchObject({ status: 'open', slotsFree: 2, claims: [] });
  });

  test('completing a wish for two helpers credits each of them, with their own party branch and unit', async () => {
    const resident = await server.login('resident');
    const secretary = await server.login('secretary');
    const partyMember = await server.login('party_member');
    const unitMember = await server.login('unit_member');
    const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '帮忙抬冰箱上楼', helpersNeeded: 2 }));
    await secretary.ok('dispatch', 'approve', { wishId: wish.id });
    await partyMember.ok('tasks', 'claim', { wishId: wish.id });
    await unitMember.ok('tasks', 'claim', { wishId: wish.id });
    await partyMember.ok('tasks', 'start', { wishId: wish.id });
    await unitMember.ok('tasks', 'start', { wishId: wish.id });
    // Each helper reports their own part; the wish is done when both have.
    expect((await partyMember.ok('tasks', 'complete', { wishId: wish.id, note: '两人一起抬上了六楼', hours: 1 })).wish.status).toBe('in_progress');
    expect((await unitMember.ok('tasks', 'complete', { wishId: wish.id, note: '冰箱已放好', hours: 1 })).wish.status).toBe('done');
    const services = await server.db.collection('services').find({ wishId: wish.id }).sort({ userId: 1 }).toArray();
    expect(services.map(({ userId, partyBranchId, unitId, hours }) => ({ userId, partyBranchId, unitId, hours }))).toEqual([
      { userId: 'u-party_member', partyBranchId: 'pb-taoyuan-g5', unitId: undefined, hours: 1 },
      { userId: 'u-unit_member', partyBranchId: undefined, unitId: 'unit-fuyou', hours: 1 },
    ]);
  });

  test('a claimer extends the lease a limited number of times', async () => {
    const resident = await server.login('resident');
    const secretary = await server.login('secretary');
    const volunteer = await server.login('volunteer2');
    const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '修理自行车' }));
    await secretary.ok('dispatch', 'approve', { wishId: wish.id });
    const first = await volunteer.ok('tasks', 'claim', { wishId: wish.id });
    server.clock.advanceHours(1);
    const extended = await volunteer.ok('tasks', 'extend', { wishId: wish.id });
    expect(new Date(extended.leaseUntil).getTime()).toBeGreaterThan(new Date(first.leaseUntil).getTime());
    await volunteer.ok('tasks', 'extend', { wishId: wish.id });
    const third = await volunteer.call('tasks', 'extend', { wishId: wish.id });
    expect(third.status).toBe(409);
    expect(third.body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  test('a member joins a community with an invite code and the secretary grants roles', async () => {
    const secretary = await server.login('secretary');
    const invite = await secretary.ok('org', 'invites', { role: 'volunteer' });
    expect(invite.code).toMatch(/^[A-Z0-9]{8}$/);
    const units = await secretary.ok('org', 'units', {});
    expect(units.items.length).toBeGreaterThanOrEqual(7);
    const branches = await secretary.ok('org', 'partyBranches', {});
    expect(branches.items.map((b: any) => b.level)).toEqual(['town', 'community', 'compound', 'building', 'unit']);
    const members = await secretary.ok('org', 'members', { role: 'volunteer' });
    expect(members.items.map((m: any) => m.user.name)).toContain('张晓东');
    const roles = await secretary.ok('org', 'roles', { userId: 'u-resident2', roles: ['resident', 'volunteer'] });
    expect(roles.member.roles).toEqual(['resident', 'volunteer']);
    const settings = await secretary.ok('org', 'updateSettings', { settings: { leaseHours: 48 } });
    expect(settings.community.settings.leaseHours).toBe(48);
    await secretary.ok('org', 'updateSettings', { settings: { leaseHours: 24 } });
  });
});
