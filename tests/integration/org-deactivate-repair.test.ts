/**
 * 停用 writes the deactivation first and sweeps the member's work back to the pool second. A crash between the two
 * (injected here: every wish write after the deactivation's fails, with `configureFailPoint` on the embedded server
 * as on a real mongod) leaves the deactivation without its sweep; the timer's repair finds it and finishes the sweep,
 * once, however often it runs.
 */
import { startRoomyTestServer, wishInput, type Client, type TestServer } from './harness';

let server: TestServer;
let secretary: Client;
let resident: Client;
let volunteer: Client;
beforeAll(async () => {
  server = await startRoomyTestServer();
  [secretary, resident, volunteer] = await Promise.all(['secretary', 'resident', 'volunteer'].map((who) => server.login(who)));
  await secretary.ok('org', 'updateSettings', { settings: { maxOpenTasksPerHelper: 50 } });
});
afterAll(() => server?.stop());

const REASON = '多次爽约，暂停服务待核实';
const wishOf = async (id: string) => (await server.db.collection<any>('wishes').findOne({ _id: id }))!;
const membershipOf = async (userId: string) => (await server.db.collection<any>('users').findOne({ _id: userId }))!.memberships[0];
const repair = () => server.anonymous().ok('cron', 'tick', { jobs: ['deactivations', 'outbox'] });

/**
 * findAndModify fails from the third on: the first is the gateway's rate-limit count, the second the deactivation
 * itself; the third would be the sweep's first wish.
 */
const failAfterDeactivation = () =>
  server.db.admin().command({ configureFailPoint: 'failCommand', mode: { skip: 2 }, data: { failCommands: ['findAndModify'], errorCode: 2 } });
const failNothing = () => server.db.admin().command({ configureFailPoint: 'failCommand', mode: 'off' });

test('a deactivation whose sweep was cut short: the claim stays until the timer’s repair sends it back, once', async () => {
  const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '帮忙疏通下水道' }));
  await secretary.ok('dispatch', 'approve', { wishId: wish.id });
  await volunteer.ok('tasks', 'claim', { wishId: wish.id });

  const held = await server.db.collection('wishes').countDocuments({ status: { $in: ['open', 'claimed', 'in_progress'] }, 'claims.claimerId': volunteer.user.id });
  expect(held).toBeGreaterThanOrEqual(1);

  await failAfterDeactivation();
  const cut = await secretary.call('org', 'deactivate', { userId: volunteer.user.id, reason: REASON });
  await failNothing();
  expect(cut.body.ok).toBe(false);
  // What the crash left: the deactivation written, unswept, and the claim still theirs.
  const stopped = await membershipOf(volunteer.user.id);
  expect(stopped.deactivated).toMatchObject({ reason: REASON });
  expect(stopped.deactivated.sweptAt).toBeUndefined();
  expect((await wishOf(wish.id)).claims.map((c: any) => c.claimerId)).toEqual([volunteer.user.id]);

  // A sweep may still be running for a minute: the repair leaves it that long.
  expect(await repair()).toMatchObject({ vacated: 0 });
  expect((await wishOf(wish.id)).status).toBe('claimed');

  server.clock.advanceHours(0.05);
  expect(await repair()).toMatchObject({ vacated: held });
  const after = await wishOf(wish.id);
  expect([after.status, after.claims]).toEqual(['open', []]);
  expect(after.events.at(-1)).toMatchObject({ action: 'vacate', from: 'claimed', to: 'open', actor: { kind: 'system' } });
  const told = await server.db.collection<any>('messages').find({ userId: resident.user.id, wishId: wish.id, template: 'helper_withdrawn' }).toArray();
  expect(told).toHaveLength(1);
  expect((await membershipOf(volunteer.user.id)).deactivated.sweptAt).toBeDefined();

  // Run again (a twin tick, the next minute): nothing more.
  expect(await repair()).toMatchObject({ vacated: 0 });
  expect((await wishOf(wish.id)).events.filter((e: any) => e.action === 'vacate')).toHaveLength(1);
});

test('a deactivation swept in full is marked so: the repair never looks at it again', async () => {
  const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '帮忙搬花盆' }));
  await secretary.ok('dispatch', 'approve', { wishId: wish.id });
  const volunteer2 = await server.login('volunteer2');
  await volunteer2.ok('tasks', 'claim', { wishId: wish.id });
  await secretary.ok('org', 'deactivate', { userId: volunteer2.user.id, reason: REASON });
  expect((await membershipOf(volunteer2.user.id)).deactivated.sweptAt).toBeDefined();
  server.clock.advanceHours(0.05);
  expect(await repair()).toMatchObject({ vacated: 0 });
  expect((await wishOf(wish.id)).events.filter((e: any) => e.action === 'vacate')).toHaveLength(1);
});
