/**
 * The grid editor keeps the map honest (issue 13, smaller gaps): a building stands inside its grid's outline, and two
 * grids of a community never share ground (they may share a street: a border). Each refusal names what is wrong and
 * changes nothing.
 */
import { startTestServer, type Client, type TestServer } from './harness';

let server: TestServer;
let secretary: Client;
beforeAll(async () => {
  server = await startTestServer();
  secretary = await server.login('secretary');
});
afterAll(() => server?.stop());

const point = (lng: number, lat: number) => ({ type: 'Point', coordinates: [lng, lat] });
const fieldOf = (r: any, path: string) => r.body.error?.details?.fields?.find((f: any) => f.path === path)?.message;
const building = async (id: string) => (await server.db.collection<any>('buildings').findOne({ _id: id }))!;
const grid = async (id: string) => (await server.db.collection<any>('grids').findOne({ _id: id }))!;

describe('a building stands inside its grid’s outline', () => {
  // 新村1栋 stands in 花园新村网格 (113.9892–113.9912, 31.2499–31.2516).
  const x1 = { id: 'bld-x1', compoundId: 'cpd-huayuan-xincun', name: '新村1栋' };

  test('moved out of its grid, it is refused naming the grid, and stays where it was', async () => {
    const before = await building('bld-x1');
    const r = await secretary.call('org', 'saveBuilding', { ...x1, location: point(113.9951, 31.2527) });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(fieldOf(r, 'location')).toContain('花园新村网格');
    expect(await building('bld-x1')).toEqual(before);
  });

  test('put in a grid whose outline it is not inside, it is refused; with the grid it stands in, or on its border, it is saved', async () => {
    const r = await secretary.call('org', 'saveBuilding', { ...x1, gridId: 'grid-taoyuan-1' });
    expect(fieldOf(r, 'gridId')).toContain('桃源第一网格');
    expect((await building('bld-x1')).gridId).toBe('grid-taoyuan-3');

    await secretary.ok('org', 'saveBuilding', { ...x1, location: point(113.9905, 31.2505) });
    await secretary.ok('org', 'saveBuilding', { ...x1, location: point(113.9912, 31.2505) });
    expect((await building('bld-x1')).location.coordinates).toEqual([113.9912, 31.2505]);
    // Taken out of the grid, it may stand anywhere.
    await secretary.ok('org', 'saveBuilding', { ...x1, gridId: null, location: point(113.9951, 31.2527) });
    await secretary.ok('org', 'saveBuilding', { ...x1, gridId: 'grid-taoyuan-3', location: point(113.9898, 31.2511) });
  });

  test('a new building is held to the grid it is put in', async () => {
    const r = await secretary.call('org', 'saveBuilding', { compoundId: 'cpd-huayuan-xincun', name: '新村9栋', gridId: 'grid-taoyuan-3', location: point(113.9951, 31.2527) });
    expect(r.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await server.db.collection('buildings').countDocuments({ name: '新村9栋' })).toBe(0);
  });
});

describe('grids of a community do not overlap', () => {
  const g3 = { id: 'grid-taoyuan-3', name: '花园新村网格' };

  test('an outline reaching into another grid is refused naming it, and the grid is unchanged', async () => {
    const before = await grid('grid-taoyuan-3');
    // Stretched east over 桃源第二网格 (113.9938–113.9962).
    const r = await secretary.call('org', 'saveGrid', { ...g3, boundary: [[113.9892, 31.2499], [113.9945, 31.2499], [113.9945, 31.2525], [113.9892, 31.2525]] });
    expect(r.body).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(fieldOf(r, 'boundary')).toContain('桃源第二网格');
    expect(await grid('grid-taoyuan-3')).toEqual(before);
    // A new grid laid over an existing one, the same.
    const again = await secretary.call('org', 'saveGrid', { name: '重复网格', boundary: [[113.9893, 31.25], [113.9911, 31.25], [113.9911, 31.2515], [113.9893, 31.2515]] });
    expect(fieldOf(again, 'boundary')).toContain('花园新村网格');
    expect(await server.db.collection('grids').countDocuments({ name: '重复网格' })).toBe(0);
  });

  test('a neighbour sharing a border street is saved', async () => {
    const { grid: east } = await secretary.ok('org', 'saveGrid', {
      name: '花园新村东网格',
      boundary: [[113.9912, 31.2499], [113.9925, 31.2499], [113.9925, 31.2516], [113.9912, 31.2510]],
    });
    expect(east.boundary).toHaveLength(4);
    // And the grid itself may be saved again with its own outline (it never overlaps itself).
    await secretary.ok('org', 'saveGrid', { ...g3, boundary: (await grid('grid-taoyuan-3')).boundary });
  });

  test('another community’s grids are not in the way', async () => {
    const secretary2 = await server.login('secretary2');
    await secretary2.ok('org', 'saveGrid', { name: '借用坐标网格', boundary: [[113.9892, 31.2499], [113.9912, 31.2499], [113.9912, 31.2516], [113.9892, 31.2516]] });
  });
});
