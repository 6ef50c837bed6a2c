import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import type { Page } from 'playwright-core';
import { shot, signIn, useApp, visit } from './harness';

/**
 * Issue 13.5 in the browser: with a tile service configured (XINYUAN_MAP_TILES, here a tile server on 127.0.0.1 —
 * no network on this machine), the secretary's 网格地图 draws the grids and the wishes on tiles, and a grid's outline
 * is drawn on the same tiles by tapping its corners in 组织管理: refused where it would overlap a neighbour, with the
 * server's sentence, saved elsewhere, and then shown on the map. The tiles are WGS-84, so every point goes through
 * the datum shift both ways.
 */
let tiles: http.Server;
const fetched: string[] = [];

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf: Buffer) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** A 256 × 256 tile: paper-coloured, a faint street grid every 64 px, a darker edge, so the tiles show as tiles. */
function tilePng(shade: number): Buffer {
  const size = 256;
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      const edge = x === 0 || y === 0;
      const street = x % 64 < 3 || y % 64 < 3;
      const [r, g, b] = edge ? [180, 180, 170] : street ? [255, 255, 255] : [242 - shade, 239 - shade, 228 - shade];
      row.set([r, g, b], 1 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}
const TILES = [tilePng(0), tilePng(8)];

beforeAll(async () => {
  tiles = http.createServer((req, res) => {
    const m = /^\/tiles\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(req.url ?? '');
    if (!m) return void res.writeHead(404).end();
    fetched.push(req.url!);
    res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' }).end(TILES[(Number(m[2]) + Number(m[3])) % 2]);
  });
  await new Promise<void>((ok) => tiles.listen(0, '127.0.0.1', ok));
});

afterAll(async () => {
  await new Promise((ok) => tiles?.close(ok));
});

// The app reads the tile service from its environment; the tile server above has started by then.
const app = useApp(() => ({
  XINYUAN_MAP_TILES: `http://127.0.0.1:${(tiles.address() as AddressInfo).port}/tiles/{z}/{x}/{y}.png`,
  XINYUAN_MAP_TILES_DATUM: 'wgs84',
  XINYUAN_MAP_TILES_ATTRIBUTION: '测试底图',
}));

const mapOf = (page: Page, drawing = false) => page.getByRole('group', { name: drawing ? '网格地图：点按添加边界顶点' : '网格地图' });

test('the secretary sees the wishes on tiles, draws a new grid\'s outline there (refused over a neighbour, saved beside), and the map shows it', async () => {
  const secretary = await signIn(app.browser, app.server.url, '社区书记 · 彭书记');
  await secretary.getByText('网格地图').click();
  const map = mapOf(secretary);
  await map.waitFor();
  await map.locator('img.leaflet-tile-loaded').first().waitFor();
  expect(fetched.length).toBeGreaterThan(0);
  // The grids on the tiles with their counts, and the seed's wishes as dots named as the list names them.
  await map.getByText('花园新村网格').waitFor();
  const dots = map.getByRole('button', { name: /（(待认领|已认领|超时未认领)）$/ });
  expect(await dots.count()).toBeGreaterThan(2);
  await expect(secretary.getByText('示意图：按网格边界绘制，未接入地图底图。').count()).resolves.toBe(0);
  await shot(secretary, 'map-tiles-1-secretary-map');
  const first = await dots.first().getAttribute('aria-label');
  await dots.first().click();
  await secretary.locator('.staff-map__picked').getByText(first!.replace(/（.*）$/, '').replace(/^【紧急】/, '')).waitFor();

  // 组织管理: a new grid, then its outline, tapped corner by corner on the same tiles.
  await visit(secretary, app.server.url, '/packages/staff/pages/org/index');
  await secretary.getByRole('textbox', { name: '新增网格名称' }).fill('河畔网格');
  await secretary.locator('.staff-add', { has: secretary.getByRole('textbox', { name: '新增网格名称' }) }).getByText('添加').click();
  await secretary.getByRole('button', { name: '画河畔网格的边界' }).click();
  const drawing = mapOf(secretary, true);
  await drawing.locator('img.leaflet-tile-loaded').first().waitFor();
  await drawing.scrollIntoViewIfNeeded();

  // First over 桃源第二网格 (just under its name, which sits on its north edge): the server refuses, saying why.
  const label = (await drawing.getByText('桃源第二网格', { exact: true }).boundingBox())!;
  const box = (await drawing.boundingBox())!;
  const cx = label.x + label.width / 2 - box.x;
  const under = label.y + label.height - box.y;
  for (const [x, y] of [[cx, under + 15], [cx + 20, under + 40], [cx - 20, under + 40]]) await drawing.click({ position: { x, y } });
  await secretary.getByText(/已点 3 个顶点，边界会自动闭合/).waitFor();
  await secretary.getByText('保存边界').click();
  await secretary.getByRole('alert').getByText('边界不能与「桃源第二网格」重叠（相邻网格可以共用边线）').waitFor();
  // The map at the top of the screen, the refusal and the buttons under it.
  const toTop = () => drawing.evaluate((e) => e.scrollIntoView({ block: 'start' }));
  await toTop();
  await shot(secretary, 'map-tiles-2-outline-refused');

  // Undo a corner, clear, and draw it in the empty north-west of the community instead (clear of the zoom buttons).
  await secretary.getByText('撤销上一点').click();
  await secretary.getByText(/已点 2 个顶点/).waitFor();
  await secretary.getByText('清除').click();
  for (const [x, y] of [[70, 25], [140, 25], [140, 75], [70, 75]]) await drawing.click({ position: { x, y } });
  await secretary.getByText(/已点 4 个顶点，边界会自动闭合/).waitFor();
  expect(await drawing.locator('.staff-map__tile-corner').count()).toBe(4);
  await toTop();
  await shot(secretary, 'map-tiles-3-outline-drawn');
  await secretary.getByText('保存边界').click();
  const row = secretary.locator('.staff-org__group', { hasText: '河畔网格' });
  await row.getByText('地图边界：4 个顶点').waitFor();
  await row.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await shot(secretary, 'map-tiles-4-outline-saved');

  // The 网格地图 draws the new grid on the tiles.
  await visit(secretary, app.server.url, '/packages/staff/pages/map/index');
  const after = mapOf(secretary);
  await after.getByText('河畔网格').waitFor();
  await after.getByText('待0 · 超时0 · 已认领0').first().waitFor();
  await shot(secretary, 'map-tiles-5-map-with-new-grid');
});
