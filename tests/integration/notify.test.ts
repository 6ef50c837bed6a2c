import { startTestServer, wishInput, type TestServer } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { WECHAT_TEMPLATE_WISH_CLAIMED: 'TPL_CLAIMED' } as never });
  // The demo resident has bound WeChat.
  await server.runtime.db.collection('users').updateOne({ _id: 'u-resident' as never }, { $set: { openid: 'oResident' } });
  await (await server.login('secretary')).ok('org', 'updateSettings', { settings: { postsPerDay: 50 } });
  // What the demo seed queued goes out (or is skipped) first.
  await server.tick();
});
afterAll(() => server?.stop());

describe('notifications in local mode go to an inspectable sink', () => {
  test('a consented step is sent once, to the right person, and always lands in the inbox', async () => {
    const resident = await server.login('resident');
    const secretary = await server.login('secretary');
    const volunteer = await server.login('volunteer');
    await resident.ok('notify', 'subscribe', { results: [{ template: 'wish_claimed', accepted: true }] });
    const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '通知测试' }));
    await secretary.ok('dispatch', 'approve', { wishId: wish.id });
    await volunteer.ok('tasks', 'claim', { wishId: wish.id });

    const before = server.sink!.sent.length;
    const ticks = await Promise.all([server.tick(), server.tick()]);
    await server.tick();
    const sent = server.sink!.sent.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ openid: 'oResident', templateId: 'TPL_CLAIMED', data: { thing1: { value: '通知测试' }, name2: { value: '张晓东' } } });
    expect(ticks.every((t) => (t as { ok: boolean }).ok)).toBe(true);

    const inbox = await resident.ok('notify', 'inbox', { unreadOnly: true });
    const lines = inbox.items.filter((m: any) => m.wishId === wish.id);
    expect(lines.map((m: any) => m.template).sort()).toEqual(['wish_approved', 'wish_claimed']);
    expect(lines.find((m: any) => m.template === 'wish_claimed')).toMatchObject({ title: '心愿已被认领', read: false });
    const read = await resident.ok('notify', 'read', { ids: [lines[0].id] });
    expect(read.updated).toBe(1);
  });

  test('a failed send is retried later, and the consent is not spent by the failure', async () => {
    const resident = await server.login('resident');
    const volunteer = await server.login('volunteer2');
    await resident.ok('notify', 'subscribe', { results: [{ template: 'wish_claimed', accepted: true }] });
    const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '重试测试' }));
    await (await server.login('secretary')).ok('dispatch', 'approve', { wishId: wish.id });
    await volunteer.ok('tasks', 'claim', { wishId: wish.id });
    server.sink!.failNext.push(-1);
    await server.tick();
    let item = await server.runtime.db.collection('outbox').findOne({ wishId: wish.id, template: 'wish_claimed' });
    expect(item).toMatchObject({ status: 'pending', attempts: 1 });
    server.clock.advanceHours(1);
    await server.anonymous().ok('cron', 'tick', { now: server.clock.now().toISOString(), jobs: ['outbox'] });
    item = await server.runtime.db.collection('outbox').findOne({ wishId: wish.id, template: 'wish_claimed' });
    expect(item).toMatchObject({ status: 'sent', attempts: 2 });
  });
});
