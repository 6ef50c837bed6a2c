import { startTestServer, type Client, type TestServer } from './harness';

/**
 * The h5 map on real tiles (issue 13.5): the server is given a tile service by XINYUAN_MAP_TILES and hands it to the
 * screens that draw grids — the 网格地图 and the outline editor — in the replies they already read; nothing is built
 * into the client. Anyone without a map gets no tiles either.
 */
let server: TestServer;
let secretary: Client;
const TEMPLATE = 'https://t{0-7}.tianditu.gov.cn/DataServer?T=vec_w&x={x}&y={y}&l={z}&tk=browser-key';
beforeAll(async () => {
  server = await startTestServer({ env: { XINYUAN_MAP_TILES: TEMPLATE, XINYUAN_MAP_TILES_ATTRIBUTION: '© 天地图' } });
  secretary = await server.login('secretary');
});
afterAll(() => server?.stop());

const tiles = {
  layers: ['https://t{s}.tianditu.gov.cn/DataServer?T=vec_w&x={x}&y={y}&l={z}&tk=browser-key'],
  subdomains: '01234567',
  datum: 'wgs84',
  attribution: '© 天地图',
};

test('the map and the grid list carry the configured tiles, with the datum they are drawn in', async () => {
  expect((await secretary.ok('dispatch', 'map', {})).tiles).toEqual(tiles);
  expect((await secretary.ok('org', 'grids', {})).tiles).toEqual(tiles);
  expect((await (await server.login('grid_worker')).ok('dispatch', 'map', {})).tiles).toEqual(tiles);
});

test('a volunteer, who has no map, is refused it and sees no tiles', async () => {
  const r = await (await server.login('volunteer')).call('dispatch', 'map', {});
  expect(r.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(JSON.stringify(r.body)).not.toContain('browser-key');
});
