/**
 * Issue 12 (recognition): a confirmation and what it credits — the helper's points and time-bank hours — are one
 * write. A ledger write failing after the wish's (the process dying between them, in effect) leaves nothing of the
 * confirmation, and confirming again credits exactly once; confirmations racing without requestIds credit once.
 * Faults are injected with `configureFailPoint` on the embedded server, as on a real mongod.
 */
import { startTestServer, wishInput, type Client, type TestServer } from './harness';

let server: TestServer;
let secretary: Client;
let resident: Client;
let helper: Client;
beforeAll(async () => {
  server = await startTestServer();
  [secretary, resident, helper] = await Promise.all([server.login('secretary'), server.login('resident'), server.login('volunteer')]);
  await secretary.ok('org', 'updateSettings', { settings: { postsPerDay: 100, maxOpenTasksPerHelper: 50, pointsPerHour: 10, pointsDailyCap: 0, pointsCategoryWeights: {} } });
});
afterAll(() => server?.stop());

async function doneWish(title: string, hours: number): Promise<string> {
  const { wish } = await resident.ok('wishes', 'create', wishInput({ title }));
  await secretary.ok('dispatch', 'approve', { wishId: wish.id });
  await helper.ok('tasks', 'claim', { wishId: wish.id });
  await helper.ok('tasks', 'start', { wishId: wish.id });
  await helper.ok('tasks', 'complete', { wishId: wish.id, note: '已完成', hours });
  return wish.id as string;
}

/** What the wish credited: its points entries and its hours deposits. */
async function credits(wishId: string) {
  const points = await server.db.collection('point_ledger').find({ wishId, kind: 'earn' }).toArray();
  const hours = await server.db.collection('time_ledger').find({ wishId, kind: 'deposit' }).toArray();
  return { points: points.map((e) => e.amount), hours: hours.map((e) => e.hours) };
}
const balances = async () => [(await helper.ok('points', 'mine', {})).balance, (await helper.ok('timebank', 'mine', {})).balance];
const failInserts = (mode: object) => server.db.admin().command({ configureFailPoint: 'failCommand', mode, data: { failCommands: ['insert'], errorCode: 2 } });
const failNothing = () => server.db.admin().command({ configureFailPoint: 'failCommand', mode: 'off' });

/** The resident confirms while inserts fail as `mode` says: refused, and the wish still waits with nothing credited. */
async function confirmFailing(wishId: string, mode: object) {
  await failInserts(mode);
  const failed = await resident.call('wishes', 'confirm', { wishId });
  await failNothing();
  expect(failed.body.ok).toBe(false);
  expect((await resident.ok('wishes', 'detail', { wishId })).wish.status).toBe('done');
  expect(await credits(wishId)).toEqual({ points: [], hours: [] });
}

test('the points write fails after the wish’s: nothing of the confirmation stays; confirmed again, credited once', async () => {
  const wishId = await doneWish('修理晾衣架（积分写入失败）', 2);
  const [points, hours] = await balances();
  // The first insert of the confirmation is its points entry (the wish and its services are updates).
  await confirmFailing(wishId, { times: 1 });
  expect(await balances()).toEqual([points, hours]);

  await resident.ok('wishes', 'confirm', { wishId });
  expect(await credits(wishId)).toEqual({ points: [20], hours: [2] });
  expect(await balances()).toEqual([points + 20, hours + 2]);
});

test('the hours write fails after the points’: neither stays; confirmed again, both credited once', async () => {
  const wishId = await doneWish('修理晾衣架（时长写入失败）', 1.5);
  const [points, hours] = await balances();
  // Let the points entry through, fail the next insert: the hours deposit.
  await confirmFailing(wishId, { skip: 1 });
  expect(await balances()).toEqual([points, hours]);

  await resident.ok('wishes', 'confirm', { wishId });
  expect(await credits(wishId)).toEqual({ points: [15], hours: [1.5] });
  expect(await balances()).toEqual([points + 15, hours + 1.5]);
});

test('confirmations racing without requestIds, and one repeated after: one confirmation, one credit', async () => {
  const wishId = await doneWish('修理晾衣架（重复确认）', 1);
  const [points, hours] = await balances();
  const replies = await Promise.all([1, 2, 3].map(() => resident.call('wishes', 'confirm', { wishId })));
  expect(replies.filter((r) => r.body.ok)).toHaveLength(1);
  const again = await resident.call('wishes', 'confirm', { wishId });
  expect(again.body.ok).toBe(false);
  expect(await credits(wishId)).toEqual({ points: [10], hours: [1] });
  expect(await balances()).toEqual([points + 10, hours + 1]);
});
