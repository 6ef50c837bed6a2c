/**
 * 心愿墙 "每一个被实现的微心愿": realised wishes only (done or confirmed), the most recently
 * realised first, each with its state, its helpers (names masked) and its rating.
 */
import { startTestServer, type TestServer } from './harness';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

async function wholeWall(): Promise<any[]> {
  const all: any[] = [];
  let cursor: string | undefined;
  do {
    const page = await server.anonymous().ok('stats', 'wall', { communityId: 'com-taoyuan', limit: 4, ...(cursor ? { cursor } : {}) });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

test('only realised wishes, newest first, across pages', async () => {
  const items = await wholeWall();
  expect(items.length).toBeGreaterThan(4);
  expect(new Set(items.map((x) => x.status))).toEqual(new Set(['done', 'confirmed']));
  expect(new Set(items.map((x) => x.id)).size).toBe(items.length);
  const times = items.map((x) => Date.parse(x.doneAt));
  expect(times).toEqual([...times].sort((a, b) => b - a));
  expect(items.some((x) => x.title === '给视力不好的老人读报' || x.title === '帮忙代购蔬菜和药品')).toBe(false);
});

test('each card names its helpers, masked, and shows the rating', async () => {
  const items = await wholeWall();
  const companion = items.find((x) => x.title === '独居老人希望有人陪聊天');
  expect(companion).toMatchObject({ status: 'confirmed', residentName: '匿名居民', stars: 5, comment: '小刘每周都来，很开心' });
  expect(companion.helpers).toHaveLength(1);
  expect(companion.helpers[0]).toMatch(/^[\u4e00-\u9fa5]\*+$/);
  for (const item of items) expect(item.helpers.length).toBeGreaterThan(0);
});
