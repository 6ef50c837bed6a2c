import { staffScene, wishInput, type Client, type TestServer } from './harness';

/**
 * 网格地图 (issue 13.5): staff see the wishes in play on a map by grid — waiting (待认领), held (已认领) and
 * waiting past the community's limit (超时未认领) — with each grid's outline and counts, filtered by kind and
 * category. A secretary sees the community, a grid worker their grids, the town its communities with positions
 * to ~100 m; nobody else has a map, and no one sees another community's.
 */
let server: TestServer;
let secretary: Client;
let gridWorker: Client;
let town: Client;
let resident: Client;
let volunteer: Client;
beforeAll(async () => {
  ({ server, secretary, gridWorker, town, resident, volunteer } = await staffScene());
});
afterAll(() => server?.stop());

const pointOf = (map: any, id: string) => map.points.find((p: any) => p.id === id);
const sum = (c: Record<string, number>) => c.open + c.claimed + c.stalled;

async function openWish(over: Record<string, unknown> = {}, priority?: 'urgent'): Promise<string> {
  const { wish } = await resident.ok('wishes', 'create', wishInput(over));
  await secretary.ok('dispatch', 'approve', { wishId: wish.id, ...(priority ? { priority } : {}) });
  return wish.id;
}

test('the secretary\'s map: every grid of the community with its outline, each wish in play as a dot where it is, counted in its grid', async () => {
  const wishId = await openWish({ title: '楼下路灯不亮' });
  const map = await secretary.ok('dispatch', 'map', {});
  expect(map.grids.map((g: any) => g.id).sort()).toEqual(['grid-taoyuan-1', 'grid-taoyuan-2', 'grid-taoyuan-3']);
  for (const g of map.grids) expect(g.boundary.length).toBeGreaterThanOrEqual(3);
  expect(map.communities).toEqual([{ id: 'com-taoyuan', name: '桃源社区', location: { type: 'Point', coordinates: [113.9935, 31.2525] } }]);

  expect(pointOf(map, wishId)).toMatchObject({
    title: '楼下路灯不亮', state: 'open', status: 'open', category: 'repair', priority: 'normal', gridId: 'grid-taoyuan-2', exact: true,
    location: { type: 'Point', coordinates: [113.9951, 31.2527] },
  });
  // The seed's wishes in play are there too, and only those: nothing pending, done or cancelled.
  expect(map.points.length).toBeGreaterThan(3);
  for (const p of map.points) expect(['open', 'assigned', 'claimed', 'in_progress']).toContain(p.status);
  expect(map.points.map((p: any) => p.communityId)).toEqual(map.points.map(() => 'com-taoyuan'));

  // Counts add up: per grid plus outside any grid is the whole, and the whole is every dot.
  const perGrid = map.grids.reduce((n: number, g: any) => n + sum(g.counts), 0);
  expect(perGrid + sum(map.ungridded)).toBe(sum(map.counts));
  expect(sum(map.counts)).toBe(map.points.length);
  expect(map.truncated).toBe(false);
  // No XINYUAN_MAP_TILES here: nothing to draw on but the schematic (map-tiles.test.ts has a server with tiles).
  expect(map.tiles).toBeUndefined();
});

test('a wish moves from 待认领 to 已认领 when a volunteer claims it, and one nobody takes in time is 超时未认领', async () => {
  const claimedId = await openWish({ title: '帮忙换个灯泡' });
  expect(pointOf(await secretary.ok('dispatch', 'map', {}), claimedId).state).toBe('open');
  await volunteer.ok('tasks', 'claim', { wishId: claimedId });
  expect(pointOf(await secretary.ok('dispatch', 'map', {}), claimedId)).toMatchObject({ state: 'claimed', status: 'claimed' });

  // Urgent: past the community's urgent interval (15 minutes) it is stalled, before the timer has even raised it.
  const stalledId = await openWish({ title: '老人摔倒需要有人照看' }, 'urgent');
  server.clock.advanceHours(0.5);
  expect(pointOf(await secretary.ok('dispatch', 'map', {}), stalledId)).toMatchObject({ state: 'stalled', priority: 'urgent' });
  await server.anonymous().ok('cron', 'tick', {});
  expect(pointOf(await secretary.ok('dispatch', 'map', {}), stalledId)).toMatchObject({ state: 'stalled', escalation: 'town' });

  // Filters: only the kinds asked for, only the category asked for.
  const stalledOnly = await secretary.ok('dispatch', 'map', { states: ['stalled'] });
  expect(stalledOnly.points.map((p: any) => p.state)).toEqual(stalledOnly.points.map(() => 'stalled'));
  expect(pointOf(stalledOnly, stalledId)).toBeDefined();
  expect(pointOf(stalledOnly, claimedId)).toBeUndefined();
  expect(stalledOnly.counts.open + stalledOnly.counts.claimed).toBe(0);
  const companionship = await secretary.ok('dispatch', 'map', { category: 'companionship' });
  expect(companionship.points.map((p: any) => p.category)).toEqual(companionship.points.map(() => 'companionship'));
  expect(pointOf(companionship, claimedId)).toBeUndefined();
});

test('a grid worker\'s map is their grids: their outlines and the wishes in them', async () => {
  const inTheirs = await openWish({ title: '门口积水' });
  const elsewhere = await openWish({ title: 'G1栋门禁坏了', buildingId: 'bld-g1', location: { type: 'Point', coordinates: [113.9932, 31.2536] } });
  const map = await gridWorker.ok('dispatch', 'map', {});
  expect(map.grids.map((g: any) => g.id).sort()).toEqual(['grid-taoyuan-2', 'grid-taoyuan-3']);
  expect(pointOf(map, inTheirs)).toMatchObject({ exact: true, gridId: 'grid-taoyuan-2' });
  expect(pointOf(map, elsewhere)).toBeUndefined();
  for (const p of map.points) expect(['grid-taoyuan-2', 'grid-taoyuan-3']).toContain(p.gridId);
  expect(pointOf(await secretary.ok('dispatch', 'map', {}), elsewhere).gridId).toBe('grid-taoyuan-1');
});

test('the town sees its communities with positions to ~100 m and no wish\'s grid; one community of the town when it names it', async () => {
  const wishId = await openWish({ title: '助老送餐' });
  const map = await town.ok('dispatch', 'map', {});
  expect(map.communities.map((c: any) => c.id).sort()).toEqual(['com-huayuanjie', 'com-taoyuan']);
  const point = pointOf(map, wishId);
  expect(point).toMatchObject({ exact: false, location: { coordinates: [113.995, 31.253] } });
  expect(point.gridId).toBeUndefined();
  expect(JSON.stringify(map)).not.toContain('113.9951');
  // The totals per grid are the town's to read (as stats.breakdown by grid gives them).
  expect(sum(map.grids.find((g: any) => g.id === 'grid-taoyuan-2').counts)).toBeGreaterThan(0);

  const one = await town.ok('dispatch', 'map', { communityId: 'com-huayuanjie' });
  expect(one.communities.map((c: any) => c.id)).toEqual(['com-huayuanjie']);
  expect(pointOf(one, wishId)).toBeUndefined();
  expect((await town.call('dispatch', 'map', { communityId: 'com-shizishan' })).body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
});

test('the town admin, who belongs to no community, reads the grid names of the town\'s communities (their 全部心愿 and 超时预警 cards name them) and none of another town\'s', async () => {
  const { items } = await town.ok('org', 'grids', {});
  expect(items.map((g: any) => g.name).sort()).toEqual(['桃源第一网格', '桃源第二网格', '花园新村网格'].sort());
});

test('a volunteer or a resident has no map; a secretary of another community sees nothing of this one', async () => {
  for (const who of [volunteer, resident, await server.login('party_member')]) {
    expect((await who.call('dispatch', 'map', {})).body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  }
  const other = await server.login('secretary2');
  const map = await other.ok('dispatch', 'map', {});
  expect(map.communities.map((c: any) => c.id)).toEqual(['com-shizishan']);
  expect(map.grids.map((g: any) => g.id)).toEqual(['grid-xcy-1']);
  expect(JSON.stringify(map)).not.toMatch(/com-taoyuan|grid-taoyuan|113\.99/);
  expect((await other.call('dispatch', 'map', { communityId: 'com-taoyuan' })).body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  expect((await secretary.call('dispatch', 'map', { states: [] })).body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
});

describe('the grid editor keeps outlines a map can draw', () => {
  const square: [number, number][] = [[113.9892, 31.2499], [113.9912, 31.2499], [113.9912, 31.2516], [113.9892, 31.2516]];
  const save = (data: Record<string, unknown>) => secretary.call('org', 'saveGrid', { id: 'grid-taoyuan-3', name: '花园新村网格', ...data });
  const boundaryError = (r: any) => r.body.error?.details?.fields?.find((f: any) => f.path.startsWith('boundary'))?.message;

  test('a crossed, flat or two-corner outline is refused with what is wrong, and changes nothing', async () => {
    const before = (await secretary.ok('org', 'grids', {})).items.find((g: any) => g.id === 'grid-taoyuan-3');
    const bowtie = [square[0], square[2], square[1], square[3]];
    expect(boundaryError(await save({ boundary: bowtie }))).toBe('边界的边不能相互交叉');
    expect(boundaryError(await save({ boundary: [[113.99, 31.25], [113.991, 31.25], [113.992, 31.25]] }))).toBe('边界围成的面积不能为零');
    expect(boundaryError(await save({ boundary: square.slice(0, 2) }))).toBe('边界至少需要 3 个顶点');
    expect(boundaryError(await save({ boundary: [[200, 31.25], [113.991, 31.25], [113.992, 31.26]] }))).toBeDefined();
    const after = (await secretary.ok('org', 'grids', {})).items.find((g: any) => g.id === 'grid-taoyuan-3');
    expect(after).toEqual(before);
  });

  test('an outline that leaves out one of the grid\'s buildings is refused, naming it', async () => {
    const north = [[113.9892, 31.2508], [113.9912, 31.2508], [113.9912, 31.2516], [113.9892, 31.2516]];
    const r = await save({ boundary: north });
    expect(r.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(boundaryError(r)).toContain('新村2栋');
  });

  test('a good outline is saved and drawn on the map; null takes it off', async () => {
    const wider = [[113.989, 31.2497], [113.9914, 31.2497], [113.9914, 31.2518], [113.989, 31.2518]];
    expect((await save({ boundary: wider })).data.grid.boundary).toEqual(wider);
    expect((await secretary.ok('dispatch', 'map', {})).grids.find((g: any) => g.id === 'grid-taoyuan-3').boundary).toEqual(wider);
    const cleared = (await save({ boundary: null })).data.grid;
    expect(cleared.boundary).toBeUndefined();
    await save({ boundary: square });
  });
});
