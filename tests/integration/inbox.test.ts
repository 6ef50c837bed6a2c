import { startTestServer, wishInput, type Client, type TestServer } from './harness';

/** The inbox (issue 16): newest first by when things happened, each message a sentence a person would say. */
let server: TestServer;
let resident: Client;
let secretary: Client;
let volunteer: Client;
beforeAll(async () => {
  server = await startTestServer();
  [resident, secretary, volunteer] = await Promise.all(['resident', 'secretary', 'volunteer'].map((k) => server.login(k)));
  await secretary.ok('org', 'updateSettings', { settings: { postsPerDay: 50 } });
});
afterAll(() => server?.stop());

test("the resident reads what happened to their wish as sentences, the latest on top, page after page", async () => {
  const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '想请人帮忙换个水龙头' }));
  await secretary.ok('dispatch', 'approve', { wishId: wish.id });
  server.clock.advanceHours(1);
  await volunteer.ok('tasks', 'claim', { wishId: wish.id });

  const first = await resident.ok('notify', 'inbox', { limit: 1 });
  expect(first.items.map((m: any) => m.body)).toEqual(['张晓东认领了您的心愿「想请人帮忙换个水龙头」，会尽快联系您。']);
  const second = await resident.ok('notify', 'inbox', { limit: 1, cursor: first.nextCursor });
  expect(second.items.map((m: any) => m.body)).toEqual(['您的心愿「想请人帮忙换个水龙头」通过了审核，附近的志愿者现在能看到它了。']);
});

test('a message about something earlier stays below later ones, whatever order it was written in (the demo seed plays the past)', async () => {
  const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '楼道灯不亮了' }));
  await secretary.ok('dispatch', 'approve', { wishId: wish.id });
  // Written last, about last week: as the seed writes its history.
  const old = new Date(server.clock.now().getTime() - 7 * 86_400_000);
  await server.db.collection('messages').insertOne({
    _id: 'ffffffffffffffffffffffffffffffffffff', dedupeKey: 'old:u-resident:wish_rejected', userId: 'u-resident', communityId: 'com-taoyuan', template: 'wish_rejected',
    wishId: wish.id, title: '心愿未通过审核', body: '心愿：旧的；原因：重复', read: true, createdAt: old, payload: { thing1: '上周的心愿', thing2: '重复提交' },
    status: 'sent', attempts: 1, nextAttemptAt: old,
  } as never);
  const bodies: string[] = (await resident.ok('notify', 'inbox', { limit: 50 })).items.map((m: any) => m.body);
  const approved = bodies.indexOf('您的心愿「楼道灯不亮了」通过了审核，附近的志愿者现在能看到它了。');
  // Stored as labelled fields before sentences: read out as a sentence from its values all the same.
  const rejected = bodies.indexOf('您的心愿「上周的心愿」没有通过审核，原因是：重复提交。您可以修改后重新提交。');
  expect(approved).toBeGreaterThanOrEqual(0);
  expect(rejected).toBeGreaterThan(approved);
});
