import { InboxItem } from '@shared';
import { startTestServer, wishInput, type TestServer } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { WECHAT_TEMPLATE_WISH_CLAIMED: 'TPL_CLAIMED' } as never });
  // The demo resident has bound WeChat.
  await server.db.collection('users').updateOne({ _id: 'u-resident' as never }, { $set: { openid: 'oResident' } });
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
    // A person sees the message, never its delivery (InboxItem is strict: a delivery field fails it).
    for (const item of inbox.items) expect(InboxItem.parse(item)).toEqual(item);
    const read = await resident.ok('notify', 'read', { ids: [lines[0].id] });
    expect(read.updated).toBe(1);
  });

  test('the inbox pages newest first with its unread count, and one marks only their own messages read', async () => {
    const resident = await server.login('resident');
    const secretary = await server.login('secretary');
    await resident.ok('notify', 'read', { all: true });
    const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '分页测试' }));
    await secretary.ok('dispatch', 'reject', { wishId: wish.id, reason: '请补充楼层' });
    const all = await resident.ok('notify', 'inbox', { limit: 50 });
    expect(all.items.length).toBeGreaterThan(3);
    const paged: { id: string }[] = [];
    let cursor: string | undefined;
    do {
      const page = await resident.ok('notify', 'inbox', { limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.unread).toBe(all.unread);
      paged.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && paged.length < all.items.length);
    expect(paged.slice(0, all.items.length)).toEqual(all.items);
    // Newest first by when it happened (the seed writes past steps after today's), then by id.
    const newestFirst = [...all.items].sort((a: { id: string; createdAt: string }, b: { id: string; createdAt: string }) =>
      b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
    expect(all.items.map((m: { id: string }) => m.id)).toEqual(newestFirst.map((m: { id: string }) => m.id));
    expect(all.unread).toBe(1);
    expect(all.items.filter((m: { read: boolean }) => !m.read).map((m: { template: string }) => m.template)).toEqual(['wish_rejected']);
    expect((await resident.ok('notify', 'inbox', { unreadOnly: true })).items.map((m: { id: string }) => m.id)).toEqual([all.items[0].id]);

    // The secretary's ids are not the resident's to mark.
    const theirs = (await secretary.ok('notify', 'inbox', { unreadOnly: true })).items.find((m: { wishId?: string }) => m.wishId === wish.id);
    expect(theirs).toMatchObject({ template: 'new_pending_wish', read: false });
    const rejected = all.items.find((m: { wishId?: string; template: string }) => m.wishId === wish.id && m.template === 'wish_rejected');
    const read = await resident.ok('notify', 'read', { ids: [theirs.id, rejected.id] });
    expect(read).toEqual({ updated: 1, unread: 0 });
    expect((await secretary.ok('notify', 'inbox', { unreadOnly: true })).items.map((m: { id: string }) => m.id)).toContain(theirs.id);
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
    let item = await server.db.collection('messages').findOne({ wishId: wish.id, template: 'wish_claimed' });
    expect(item).toMatchObject({ status: 'pending', attempts: 1 });
    server.clock.advanceHours(1);
    await server.anonymous().ok('cron', 'tick', { jobs: ['outbox'] });
    item = await server.db.collection('messages').findOne({ wishId: wish.id, template: 'wish_claimed' });
    expect(item).toMatchObject({ status: 'sent', attempts: 2 });
  });

  test('a message whose sender died mid-send is sent by a later tick once its lock runs out, not before', async () => {
    const resident = await server.login('resident');
    await resident.ok('notify', 'subscribe', { results: [{ template: 'wish_claimed', accepted: true }] });
    const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '发送中断测试' }));
    await (await server.login('secretary')).ok('dispatch', 'approve', { wishId: wish.id });
    await (await server.login('volunteer')).ok('tasks', 'claim', { wishId: wish.id });
    const messages = server.db.collection('messages');
    const key = { wishId: wish.id, template: 'wish_claimed' };
    // As a sender leaves it when its process is killed between taking the message and sending it.
    await messages.updateOne(key, { $set: { status: 'sending', attempts: 1, lockedUntil: new Date(server.clock.now().getTime() + 60_000) } });
    const before = server.sink!.sent.length;
    await server.tick();
    expect(await messages.findOne(key)).toMatchObject({ status: 'sending', attempts: 1 });
    server.clock.advanceHours(1);
    await server.tick();
    expect(await messages.findOne(key)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(server.sink!.sent.slice(before).filter((m) => m.data.thing1?.value === '发送中断测试')).toHaveLength(1);
  });
});
