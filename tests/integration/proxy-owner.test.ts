/**
 * A wish the grid worker enters for an elder by her registered phone is hers: she sees it in
 * 我的心愿. A phone nobody (or more than one member) registered leaves the grid worker its owner.
 */
import { startTestServer, wishInput, type TestServer } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

const proxy = (title: string, beneficiary: Record<string, unknown>) => ({
  ...wishInput({ title, buildingId: 'bld-x1', address: '花园新村1栋' }), contactPhone: undefined, channel: 'phone', beneficiary,
});

test("a proxy entry with the elder's registered phone is linked to her account", async () => {
  const grid = await server.login('grid_worker');
  const { wish } = await grid.ok('dispatch', 'proxyCreate', proxy('想请人帮忙换灯泡', { name: '李桂英', phone: '07194567890' }));
  const elder = await server.login('elder');
  const mine = await elder.ok('wishes', 'mine', {});
  expect(mine.items.map((x: any) => x.id)).toContain(wish.id);
  expect((await elder.ok('wishes', 'detail', { wishId: wish.id })).wish.title).toBe('想请人帮忙换灯泡');
});

test('a phone no member registered keeps the wish with the grid worker', async () => {
  const grid = await server.login('grid_worker');
  const { wish } = await grid.ok('dispatch', 'proxyCreate', proxy('帮忙搬一下柜子', { name: '王大爷', phone: '13900002222' }));
  const elder = await server.login('elder');
  expect((await elder.ok('wishes', 'mine', {})).items.map((x: any) => x.id)).not.toContain(wish.id);
});
