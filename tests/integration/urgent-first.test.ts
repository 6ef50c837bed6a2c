import { startRoomyTestServer, TAOYUAN, wishInput, type Client, type TestServer } from './harness';

/** An urgent wish goes to the top of every helper's nearby list, however far within the radius. */
let server: TestServer;
let secretary: Client;
beforeAll(async () => {
  server = await startRoomyTestServer();
  secretary = await server.login('secretary');
});
afterAll(() => server?.stop());

async function publish(title: string, coordinates: [number, number], priority: 'urgent' | 'normal') {
  const { wish } = await (await server.login('resident')).ok('wishes', 'create', wishInput({ title, location: { type: 'Point', coordinates } }));
  await secretary.ok('dispatch', 'approve', { wishId: wish.id, priority });
  return wish.id as string;
}

test('a far urgent wish comes before near normal ones, marked urgent, for volunteers and party members alike', async () => {
  const near = await publish('门口换灯泡', [TAOYUAN.lng + 0.0002, TAOYUAN.lat], 'normal');
  const far = await publish('独居老人摔倒无法起身', [TAOYUAN.lng + 0.012, TAOYUAN.lat], 'urgent');
  for (const who of ['volunteer', 'party_member']) {
    const helper = await server.login(who);
    const { items } = await helper.ok('tasks', 'nearby', { ...TAOYUAN, radiusM: 3000, limit: 50 });
    const ids = items.map((x: any) => x.id);
    expect(ids[0]).toBe(far);
    expect(items[0]).toMatchObject({ priority: 'urgent' });
    expect(ids).toContain(near);
    expect(items.find((x: any) => x.id === near).distanceM).toBeLessThan(items[0].distanceM);
  }
});

test('an urgent wish still respects the radius and the limit', async () => {
  const beyond = await publish('远处紧急求助', [TAOYUAN.lng + 0.2, TAOYUAN.lat], 'urgent');
  const volunteer = await server.login('volunteer');
  const { items } = await volunteer.ok('tasks', 'nearby', { ...TAOYUAN, radiusM: 3000, limit: 1 });
  expect(items).toHaveLength(1);
  expect(items[0].priority).toBe('urgent');
  expect(items.map((x: any) => x.id)).not.toContain(beyond);
});
