/**
 * A wish's grid comes from its building or, failing that, its location (the nearest building
 * with a grid), so a resident's wish without a building still reaches its grid worker.
 */
import { startRoomyTestServer, wishInput, type TestServer } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await startRoomyTestServer();
});
afterAll(() => server?.stop());

/** Next to 新村1栋 (花园新村网格, the grid worker's), and next to G2栋 (第一网格, not theirs). */
const NEAR_X1 = { type: 'Point', coordinates: [113.9899, 31.2512] };
const NEAR_G2 = { type: 'Point', coordinates: [113.9937, 31.2537] };

const queueIds = async (as: string) => (await (await server.login(as)).ok('dispatch', 'queue', {})).items.map((x: any) => x.id);

test("a resident's wish with no building reaches the grid worker of the nearest building's grid", async () => {
  const resident = await server.login('resident');
  const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '新村路口积水', buildingId: undefined, address: undefined, location: NEAR_X1 }));
  expect(await queueIds('grid_worker')).toContain(wish.id);

  const { wish: other } = await resident.ok('wishes', 'create', wishInput({ title: 'G2栋门禁坏了', buildingId: undefined, address: undefined, location: NEAR_G2 }));
  expect(await queueIds('grid_worker')).not.toContain(other.id);
  expect(await queueIds('secretary')).toContain(other.id);
});

test('a building still decides the grid over the place', async () => {
  const resident = await server.login('resident');
  const { wish } = await resident.ok('wishes', 'create', wishInput({ title: 'G5栋楼道灯', buildingId: 'bld-g5', location: NEAR_G2 }));
  expect(await queueIds('grid_worker')).toContain(wish.id);
});

test('moving a wish without a building moves it to the grid of its new place', async () => {
  const resident = await server.login('resident');
  const { wish } = await resident.ok('wishes', 'create', wishInput({ title: '单元门口台阶松动', buildingId: undefined, address: undefined, location: NEAR_G2 }));
  expect(await queueIds('grid_worker')).not.toContain(wish.id);
  await resident.ok('wishes', 'update', { wishId: wish.id, location: NEAR_X1 });
  expect(await queueIds('grid_worker')).toContain(wish.id);
});
