import { startTestServer, wishInput, type Client, type TestServer } from './harness';

/**
 * 催一催 (issue 16): a resident whose wish has not moved for a day says so. Once a day at most; a step on the
 * timeline; the helper holding the work hears it, or the community's staff while nobody does.
 */
let server: TestServer;
let resident: Client;
let neighbour: Client;
let secretary: Client;
let volunteer: Client;
beforeAll(async () => {
  server = await startTestServer();
  [resident, neighbour, secretary, volunteer] = await Promise.all(['resident', 'resident2', 'secretary', 'volunteer'].map((k) => server.login(k)));
  await secretary.ok('org', 'updateSettings', { settings: { postsPerDay: 50 } });
});
afterAll(() => server?.stop());

const inboxOf = async (who: Client, wishId: string, template: string) =>
  (await who.ok('notify', 'inbox', {})).items.filter((m: any) => m.wishId === wishId && m.template === template);
const nudges = async (wishId: string) => (await resident.ok('wishes', 'detail', { wishId })).events.filter((e: any) => e.action === 'nudge');

test('a day with nobody taking it: the nudge is on the timeline and the secretary hears it; a second the same day is refused and changes nothing', async () => {
  const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '楼下路灯坏了好几天' }));
  await secretary.ok('dispatch', 'approve', { wishId: wish.id });

  // Too soon: nothing has had time to happen.
  const early = await resident.call('wishes', 'nudge', { wishId: wish.id });
  expect(early.status).toBe(409);
  expect(early.body.ok ? '' : early.body.error.message).toContain('满一天');

  server.clock.advanceHours(25);
  const detailBefore = await resident.ok('wishes', 'detail', { wishId: wish.id });
  expect(detailBefore.actions).toContain('nudge');
  await resident.ok('wishes', 'nudge', { wishId: wish.id });
  expect(await nudges(wish.id)).toEqual([expect.objectContaining({ action: 'nudge', from: 'open', to: 'open', actor: expect.objectContaining({ userId: 'u-resident' }) })]);
  const [notice] = await inboxOf(secretary, wish.id, 'wish_waiting');
  expect(notice.title).toBe('居民催一催');

  server.clock.advanceHours(3);
  expect((await resident.call('wishes', 'nudge', { wishId: wish.id })).status).toBe(409);
  expect(await nudges(wish.id)).toHaveLength(1);
  expect(await inboxOf(secretary, wish.id, 'wish_waiting')).toHaveLength(1);
});

test('a wish someone holds: the nudge goes to the helper, not to staff', async () => {
  const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '想请人帮忙修一下纱窗' }));
  await secretary.ok('dispatch', 'approve', { wishId: wish.id });
  await volunteer.ok('tasks', 'claim', { wishId: wish.id });
  await volunteer.ok('tasks', 'start', { wishId: wish.id });
  server.clock.advanceHours(25);
  await resident.ok('wishes', 'nudge', { wishId: wish.id });
  expect(await inboxOf(volunteer, wish.id, 'wish_nudged')).toHaveLength(1);
  expect(await inboxOf(secretary, wish.id, 'wish_waiting')).toHaveLength(0);
});

test('only the resident the wish is for may nudge it', async () => {
  const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '楼道堆满杂物' }));
  server.clock.advanceHours(25);
  for (const other of [neighbour, volunteer]) expect([403, 404]).toContain((await other.call('wishes', 'nudge', { wishId: wish.id })).status);
  expect((await secretary.call('wishes', 'nudge', { wishId: wish.id })).status).toBe(403);
  expect(await nudges(wish.id)).toEqual([]);
});
