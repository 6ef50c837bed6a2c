import { startRoomyTestServer, wishInput, type Client, type TestServer } from './harness';

/**
 * Duty rosters: helpers say when they serve and whether urgent wishes reach them at once;
 * urgent announcements and the staff's "on duty now" list follow what they said.
 */
let server: TestServer;
let secretary: Client;
let volunteer: Client;
let volunteer2: Client;
let partyMember: Client;
beforeAll(async () => {
  server = await startRoomyTestServer();
  secretary = await server.login('secretary');
  volunteer = await server.login('volunteer');
  volunteer2 = await server.login('volunteer2');
  partyMember = await server.login('party_member');
});
afterAll(() => server?.stop());

/** China's weekday now (1 Monday … 7 Sunday), from the server's clock. */
function chinaWeekdayNow(): number {
  const d = new Date(server.clock.now().getTime() + 8 * 3_600_000).getUTCDay();
  return d === 0 ? 7 : d;
}
const everyDayBut = (day: number) => [1, 2, 3, 4, 5, 6, 7].filter((d) => d !== day);

async function urgentInboxOf(helper: Client, wishId: string) {
  const inbox = await helper.ok('notify', 'inbox', {});
  return inbox.items.filter((m: any) => m.wishId === wishId && m.template === 'nearby_wish');
}

test('a helper sets and reads back their duty hours; a bad slot is refused with its field and changes nothing', async () => {
  const roster = { slots: [{ days: [1, 3, 5], from: '18:00', to: '21:00' }], urgentAlerts: false };
  await partyMember.ok('org', 'setDuty', roster);
  expect((await partyMember.ok('org', 'myDuty', {})).duty).toEqual(roster);

  const bad = await partyMember.call('org', 'setDuty', { slots: [{ days: [2], from: '21:00', to: '18:00' }], urgentAlerts: true });
  expect(bad.status).toBe(400);
  expect(JSON.stringify((bad.body as any).error.details)).toContain('slots.0.to');
  expect((await partyMember.ok('org', 'myDuty', {})).duty).toEqual(roster);

  const resident = await server.login('resident');
  expect((await resident.call('org', 'setDuty', roster)).status).toBe(403);
});

test('an urgent wish is announced at once to helpers on duty who opted in, and not to one whose hours exclude today', async () => {
  await volunteer.ok('org', 'setDuty', { slots: [], urgentAlerts: true });
  await volunteer2.ok('org', 'setDuty', { slots: [{ days: everyDayBut(chinaWeekdayNow()), from: '00:00', to: '23:59' }], urgentAlerts: true });

  const { wish } = await (await server.login('resident')).ok('wishes', 'create', wishInput({ title: '老人摔倒需要人扶' }));
  await secretary.ok('dispatch', 'approve', { wishId: wish.id, priority: 'urgent' });

  const got = await urgentInboxOf(volunteer, wish.id);
  expect(got).toHaveLength(1);
  expect(JSON.stringify(got[0])).toContain('紧急');
  expect(await urgentInboxOf(volunteer2, wish.id)).toHaveLength(0);
});

test('a normal wish is not pushed to urgent-alert holders who did not subscribe to nearby news', async () => {
  const { wish } = await (await server.login('resident')).ok('wishes', 'create', wishInput({ title: '帮忙搬个柜子' }));
  await secretary.ok('dispatch', 'approve', { wishId: wish.id });
  expect(await urgentInboxOf(volunteer, wish.id)).toHaveLength(0);
});

test('staff see who is on duty now, with phones to call; helpers who are off duty or never said are not listed', async () => {
  const { items } = await secretary.ok('org', 'onDuty', {});
  const ids = items.map((h: any) => h.id);
  expect(ids).toContain(volunteer.user.id);
  expect(ids).not.toContain(volunteer2.user.id);
  const v = items.find((h: any) => h.id === volunteer.user.id);
  expect(v).toMatchObject({ name: volunteer.user.name, urgentAlerts: true, hours: [] });
  expect(v.phone).toMatch(/^1\d{10}$/);
  expect((await volunteer.call('org', 'onDuty', {})).status).toBe(403);
});
