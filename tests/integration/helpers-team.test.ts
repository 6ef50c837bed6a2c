/**
 * A wish for several helpers (帮帮团): each claimer holds their own place, with its own lease,
 * start, release and completion, while the wish still shows free places to others (issue 16 #1:
 * the first claimer was stranded in 待认领 until a second person claimed).
 */
import { startRoomyTestServer, wishInput, type Client, type TestServer } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await startRoomyTestServer();
});
afterAll(() => server?.stop());

const tick = () => server.anonymous().ok('cron', 'tick', {});

async function openWish(title: string, helpersNeeded = 2): Promise<string> {
  const { wish } = await (await server.login('resident')).ok('wishes', 'create', wishInput({ title, helpersNeeded }));
  await (await server.login('secretary')).ok('dispatch', 'approve', { wishId: wish.id });
  return wish.id;
}

const detailOf = (who: Client, wishId: string) => who.ok('wishes', 'detail', { wishId });
const servicesOf = async (wishId: string) =>
  (await server.db.collection('services').find({ wishId }).toArray()).map((s: any) => s.userId).sort();

test('the first claimer of a two-helper wish holds a place with a lease and can start, finish or let go at once', async () => {
  const wishId = await openWish('帮忙搬书柜');
  const a = await server.login('volunteer');
  const b = await server.login('party_member');

  const claimed = await a.ok('tasks', 'claim', { wishId });
  expect(claimed.wish).toMatchObject({ status: 'open', slotsFree: 1 });
  let mine = await detailOf(a, wishId);
  expect(mine.actions).toEqual(expect.arrayContaining(['start', 'release', 'extend']));
  expect(mine.wish.claims.find((c: any) => c.claimerId === a.user.id).leaseUntil).toBe(claimed.leaseUntil);

  // Others still see a free place and may join.
  expect((await detailOf(b, wishId)).actions).toContain('claim');
  const hall = await b.ok('tasks', 'nearby', { lng: 113.9951, lat: 31.2527, radiusM: 3000, limit: 50 });
  expect(hall.items.find((x: any) => x.id === wishId)).toMatchObject({ slotsFree: 1 });

  // The first helper starts their part: the wish stays open for the second place.
  expect((await a.ok('tasks', 'start', { wishId })).wish).toMatchObject({ status: 'open', slotsFree: 1 });
  mine = await detailOf(a, wishId);
  expect(mine.actions).toEqual(expect.arrayContaining(['progress', 'complete']));
  expect(mine.actions).not.toContain('release');
  expect(mine.actions).not.toContain('extend');

  // Work under way never expires, even past the lease.
  server.clock.advanceHours(30);
  await tick();
  expect((await detailOf(a, wishId)).wish.claims.map((c: any) => c.claimerId)).toEqual([a.user.id]);

  // They finish their part; the wish waits for the second place, and only their service counts so far.
  expect((await a.ok('tasks', 'complete', { wishId, note: '书柜已拆好', hours: 1 })).wish).toMatchObject({ status: 'open', slotsFree: 1 });
  expect(await servicesOf(wishId)).toEqual([a.user.id]);
  expect((await detailOf(a, wishId)).actions).not.toContain('complete');
  const resident = await server.login('resident');
  const completedNotices = async () => (await resident.ok('notify', 'inbox', {})).items.filter((m: any) => m.wishId === wishId && m.template === 'wish_completed');
  expect(await completedNotices()).toHaveLength(0);

  // The second helper fills the last place: work has started, so the wish is in progress, and their own lease binds.
  const second = await b.ok('tasks', 'claim', { wishId });
  expect(second.wish).toMatchObject({ status: 'in_progress', slotsFree: 0 });
  expect((await detailOf(b, wishId)).actions).toEqual(expect.arrayContaining(['start', 'release', 'extend']));
  await b.ok('tasks', 'start', { wishId });
  const done = await b.ok('tasks', 'complete', { wishId, note: '一起搬到了楼下' });
  expect(done.wish).toMatchObject({ status: 'done', completion: { note: '一起搬到了楼下' } });
  expect(await servicesOf(wishId)).toEqual([a.user.id, b.user.id].sort());
  expect(await completedNotices()).toHaveLength(1);
});

test("a second claimer's lapsed lease frees only their place; the one already working keeps theirs", async () => {
  const wishId = await openWish('帮忙抬钢琴');
  const a = await server.login('volunteer');
  const b = await server.login('volunteer2');
  await a.ok('tasks', 'claim', { wishId });
  await a.ok('tasks', 'start', { wishId });
  await b.ok('tasks', 'claim', { wishId });
  expect((await detailOf(a, wishId)).wish.status).toBe('in_progress');

  server.clock.advanceHours(25);
  await tick();
  const after = await detailOf(a, wishId);
  expect(after.wish).toMatchObject({ status: 'open', slotsFree: 1 });
  expect(after.wish.claims.map((c: any) => c.claimerId)).toEqual([a.user.id]);
  expect(after.events.at(-1)).toMatchObject({ action: 'expire', from: 'in_progress', to: 'open', meta: { claimerIds: b.user.id } });
});

test('starting acts on the starter\'s own place only, and a started place cannot be released', async () => {
  const wishId = await openWish('帮忙清理楼道杂物');
  const a = await server.login('volunteer');
  const b = await server.login('volunteer2');
  await a.ok('tasks', 'claim', { wishId });
  await b.ok('tasks', 'claim', { wishId });
  const started = await a.ok('tasks', 'start', { wishId });
  expect(started.wish.status).toBe('in_progress');
  const byClaimer = Object.fromEntries(started.wish.claims.map((c: any) => [c.claimerId, c.startedAt !== undefined]));
  expect(byClaimer).toEqual({ [a.user.id]: true, [b.user.id]: false });

  const release = await a.call('tasks', 'release', { wishId });
  expect([release.status, release.body]).toEqual([409, expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'CONFLICT' }) })]);
  // B, not yet started, may still let go: the place opens again.
  expect((await b.ok('tasks', 'release', { wishId })).wish).toMatchObject({ status: 'open', slotsFree: 1 });
});
