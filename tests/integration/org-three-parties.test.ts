/**
 * 三方联动 (issue 13.4): the residents' committee (居委会), the owners' committee (业委会) and the property company (物业)
 * are co-building units of the community with people in them, and take wishes as any unit does: claimed from the
 * pool or dispatched by the secretary, handed to a member, done and counted for the unit.
 */
import { startTestServer, wishInput, type Client, type TestServer } from './harness';

let server: TestServer;
let secretary: Client;
let resident: Client;

beforeAll(async () => {
  server = await startTestServer();
  secretary = await server.login('secretary');
  resident = await server.login('resident');
});
afterAll(async () => {
  await server?.stop();
});

test('the three parties are units of the community, each of its kind', async () => {
  const { items } = await secretary.ok('org', 'units');
  const kinds = Object.fromEntries(items.map((u: { id: string; kind: string }) => [u.id, u.kind]));
  expect(kinds).toMatchObject({ 'unit-juweihui': 'residents_committee', 'unit-yeweihui': 'owners_committee', 'unit-wuye': 'property_company' });
  const { items: people } = await secretary.ok('org', 'members', { unitId: 'unit-wuye' });
  expect(people.map((m: { user: { name: string } }) => m.user.name).sort()).toEqual(['周国强', '周建'].sort());
});

test('the property company claims a wish from the pool as a unit, hands it to its worker, and the service counts for it', async () => {
  const admin = await server.login('property_admin');
  const worker = await server.login('property_staff');
  const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '楼道灯不亮了' }));
  await secretary.ok('dispatch', 'approve', { wishId: wish.id });
  const claimed = await admin.ok('tasks', 'claim', { wishId: wish.id, asUnit: 'unit-wuye' });
  expect(claimed.wish.claims[0]).toMatchObject({ kind: 'unit', unitId: 'unit-wuye' });
  await admin.ok('tasks', 'handover', { wishId: wish.id, toUserId: 'u-property_staff' });
  await worker.ok('tasks', 'start', { wishId: wish.id });
  await worker.ok('tasks', 'complete', { wishId: wish.id, note: '已更换灯泡', hours: 1 });
  await resident.ok('wishes', 'confirm', { wishId: wish.id });

  const services = await server.db.collection('services').find({ wishId: wish.id }).toArray();
  expect(services.map(({ userId, unitId }) => ({ userId, unitId }))).toEqual([{ userId: 'u-property_staff', unitId: 'unit-wuye' }]);
  const board = await secretary.ok('stats', 'leaderboard', { kind: 'unit' });
  expect(board.rows.map((r: { id: string }) => r.id)).toContain('unit-wuye');
});

test.each([
  ['committee_admin', 'unit-juweihui', '调解邻里噪音纠纷'],
  ['owners_admin', 'unit-yeweihui', '小区健身器材损坏'],
])('the secretary dispatches to %s’s unit, which has someone to act: not refused as an empty unit, and its admin accepts', async (who, unitId, title) => {
  const admin = await server.login(who);
  const { wish } = await resident.ok('wishes', 'create', wishInput({ title }));
  const approved = await secretary.ok('dispatch', 'approve', { wishId: wish.id, assignTo: { kind: 'unit', id: unitId } });
  expect(approved.wish.status).toBe('assigned');
  const mine = await admin.ok('tasks', 'mine', { status: 'assigned' });
  expect(mine.items.map((w: { id: string }) => w.id)).toContain(wish.id);
  const accepted = await admin.ok('tasks', 'accept', { wishId: wish.id });
  expect(accepted.wish.claims[0]).toMatchObject({ kind: 'unit', unitId });
});
