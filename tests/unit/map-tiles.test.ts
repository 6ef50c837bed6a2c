import { fromTileDatum, mapTilesOf, toTileDatum } from '../../shared/mapTiles';
import { mapTilesFromEnv } from '../../cloudfunctions/_core/runtime/config';
import { ConfigError, loadConfig } from '../../server/config';

const TIANDITU_VEC = 'https://t{0-7}.tianditu.gov.cn/DataServer?T=vec_w&x={x}&y={y}&l={z}&tk=KEY';
const TIANDITU_CVA = 'https://t{0-7}.tianditu.gov.cn/DataServer?T=cva_w&x={x}&y={y}&l={z}&tk=KEY';
const AMAP = 'https://webrd0{1-4}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}';

describe('the h5 map tiles a server is configured with (XINYUAN_MAP_TILES)', () => {
  test('天地图 roads and their names are two layers over each other, on t0–t7, drawn in WGS-84', () => {
    expect(mapTilesOf(`${TIANDITU_VEC} ${TIANDITU_CVA}`, undefined, '© 天地图')).toEqual({
      tiles: {
        layers: [TIANDITU_VEC.replace('{0-7}', '{s}'), TIANDITU_CVA.replace('{0-7}', '{s}')],
        subdomains: '01234567',
        datum: 'wgs84',
        attribution: '© 天地图',
      },
    });
  });

  test('高德 tiles are GCJ-02, as the points we store; a datum named outright wins over the host', () => {
    expect(mapTilesOf(AMAP)).toMatchObject({ tiles: { subdomains: '1234', datum: 'gcj02' } });
    expect(mapTilesOf(AMAP, 'WGS84')).toMatchObject({ tiles: { datum: 'wgs84' } });
    // Leaflet's own {s} means a, b, c.
    expect(mapTilesOf('https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png')).toMatchObject({ tiles: { subdomains: 'abc', datum: 'wgs84' } });
  });

  test('a host whose datum is unknown needs it named, since a guess could put every wish hundreds of metres off', () => {
    expect(mapTilesOf('http://127.0.0.1:8080/{z}/{x}/{y}.png')).toEqual({ variable: 'XINYUAN_MAP_TILES_DATUM', problem: expect.stringContaining('无法从瓦片地址判断坐标系') });
    expect(mapTilesOf('http://127.0.0.1:8080/{z}/{x}/{y}.png', 'gcj02')).toMatchObject({ tiles: { datum: 'gcj02', subdomains: 'abc' } });
    expect(mapTilesOf(AMAP, 'bd09')).toEqual({ variable: 'XINYUAN_MAP_TILES_DATUM', problem: expect.stringContaining('只能是 gcj02') });
  });

  test('a template a map could not fetch tiles with is refused, saying what is missing', () => {
    const problem = (t: string) => (mapTilesOf(t, 'gcj02') as { problem: string }).problem;
    expect(problem('tiles.example.cn/{z}/{x}/{y}.png')).toContain('http:// 或 https://');
    expect(problem('https://tiles.example.cn/{z}/{y}.png')).toContain('{x}');
    expect(problem('https://tiles.example.cn/{z}/{x}.png')).toContain('{y}');
    expect(problem('https://tiles.example.cn/{z}/{x}/{y}.png?k={key}')).toContain('未知占位符 {key}');
    expect(problem('https://t{7-0}.example.cn/{z}/{x}/{y}.png')).toContain('{7-0}');
    expect(problem('   ')).toContain('应为地图瓦片地址模板');
    // A TMS service counts rows from the south: {-y} is Leaflet's word for it.
    expect(mapTilesOf('https://rt{0-3}.map.gtimg.com/tile?z={z}&x={x}&y={-y}')).toMatchObject({ tiles: { datum: 'gcj02', subdomains: '0123' } });
  });

  test('a stored point drawn on WGS-84 tiles and tapped there again comes back to where it was', () => {
    const door: [number, number] = [113.9902, 31.2508];
    const drawn = toTileDatum(door, 'wgs84');
    // In 孝昌 GCJ-02 sits some 500 m from WGS-84: drawn unmoved, the dot would stand in the next street.
    expect(Math.abs(drawn[0] - door[0]) + Math.abs(drawn[1] - door[1])).toBeGreaterThan(0.003);
    const back = fromTileDatum(drawn, 'wgs84');
    expect(back[0]).toBeCloseTo(door[0], 8);
    expect(back[1]).toBeCloseTo(door[1], 8);
    expect(toTileDatum(door, 'gcj02')).toEqual(door);
  });
});

describe('the server and the cloud functions read the same variables', () => {
  test('unset, no tiles: h5 draws the schematic', () => {
    expect(loadConfig({}).mapTiles).toBeUndefined();
    expect(mapTilesFromEnv({ XINYUAN_MAP_TILES: '' })).toBeUndefined();
  });

  test('set, the server hands them on as read', () => {
    expect(loadConfig({ XINYUAN_MAP_TILES: AMAP }).mapTiles).toEqual(mapTilesFromEnv({ XINYUAN_MAP_TILES: AMAP }));
  });

  test('set wrong, the server does not start, naming the variable and without printing the key', () => {
    let error: unknown;
    try {
      loadConfig({ XINYUAN_MAP_TILES: 'https://t0.example.cn/DataServer?x={x}&l={z}&tk=abcdef123' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variables).toEqual(['XINYUAN_MAP_TILES']);
    expect((error as ConfigError).message).toContain('环境变量 XINYUAN_MAP_TILES 的瓦片地址应含 {y}');
    expect((error as ConfigError).message).not.toContain('abcdef123');
    expect(() => mapTilesFromEnv({ XINYUAN_MAP_TILES: AMAP, XINYUAN_MAP_TILES_DATUM: 'bd09' })).toThrow('环境变量 XINYUAN_MAP_TILES_DATUM 只能是 gcj02');
  });
});
