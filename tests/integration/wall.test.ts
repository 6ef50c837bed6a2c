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

describe('L5 of issue 11: a helper chooses whether the wall and the leaderboard name them in full', () => {
  const companionHelpers = async () => (await wholeWall()).find((x) => x.title === '独居老人希望有人陪聊天').helpers;
  const leaders = async (key: string) =>
    new Map<string, string>((await (await server.login(key)).ok('stats', 'leaderboard', { kind: 'volunteer', limit: 50 })).rows.map((r: any) => [r.id, r.name]));

  test('masked by default; in full once they choose, to everyone; masked again when they take it back', async () => {
    const helper = await server.login('volunteer2');
    expect((await helper.ok('org', 'me', {})).user.showFullName).toBe(false);
    expect(await companionHelpers()).toEqual(['刘*']);
    // Residents read the leaderboard masked; the staff who dispatch helpers read it whole.
    expect((await leaders('resident')).get('u-volunteer')).toBe('张**');
    expect((await leaders('secretary')).get('u-volunteer')).toBe('张晓东');
    expect((await leaders('resident')).get('u-volunteer2')).toBe('刘*');

    const chose = await helper.ok('org', 'updateMe', { showFullName: true });
    expect(chose.user.showFullName).toBe(true);
    expect(await companionHelpers()).toEqual(['刘佳']);
    expect((await leaders('resident')).get('u-volunteer2')).toBe('刘佳');
    expect((await leaders('resident')).get('u-volunteer')).toBe('张**');

    await helper.ok('org', 'updateMe', { showFullName: false });
    expect(await companionHelpers()).toEqual(['刘*']);
  });

  test('the choice is a boolean, named when wrong, and changes nothing then', async () => {
    const helper = await server.login('volunteer2');
    const reply = await helper.call('org', 'updateMe', { showFullName: 'yes' });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', details: { fields: [{ path: 'showFullName' }] } } });
    expect((await helper.ok('org', 'me', {})).user.showFullName).toBe(false);
  });
});
