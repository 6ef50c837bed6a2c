import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { AppError } from '@shared/errors';
import { gcj02ToWgs84 } from '@shared/coords';
import { call } from '../../client/src/services/api';
import OrgPage from '../../client/src/packages/staff/pages/org/index';
import { actAs, callsTo, routeCalls } from './staff-helpers';

jest.mock('../../client/src/services/api', () => ({ call: jest.fn(), httpJson: jest.fn(), apiUrl: (p: string) => p }));
const callMock = call as jest.Mock;

/**
 * 画边界 (issue 13.5): the secretary draws a grid's outline on the map by tapping its corners — the schematic plot
 * when no tiles are configured, the tile map when they are — undoes a corner, clears, saves; the server's refusal
 * is shown as it says it.
 */
const second: [number, number][] = [[113.994, 31.2518], [113.996, 31.2518], [113.996, 31.2533], [113.994, 31.2533]];
const grids = {
  items: [
    { id: 'g1', communityId: 'c1', name: '第一网格', buildingIds: ['b1'] },
    { id: 'g2', communityId: 'c1', name: '第二网格', buildingIds: ['b2'], boundary: second },
  ],
};
const tree = {
  'org.compounds': { items: [{ id: 'k1', name: '香城苑' }] },
  'org.buildings': {
    items: [
      { id: 'b1', name: '1栋', compoundId: 'k1', gridId: 'g1', location: { type: 'Point', coordinates: [113.991, 31.2525] } },
      { id: 'b2', name: '2栋', compoundId: 'k1', gridId: 'g2', location: { type: 'Point', coordinates: [113.995, 31.2525] } },
    ],
  },
  'org.partyBranches': { items: [] },
  'org.members': { items: [] },
  'org.units': { items: [] },
};

/** jsdom lays nothing out: the plot is as wide as its viewBox, one unit a pixel, from the page's corner. */
function layOutPlots() {
  return jest.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    const box = this.getAttribute('viewBox')?.split(' ').map(Number);
    const [width, height] = box ? [box[2], box[3]] : [0, 0];
    return { left: 0, top: 0, x: 0, y: 0, width, height, right: width, bottom: height, toJSON: () => ({}) } as DOMRect;
  });
}

beforeEach(() => {
  callMock.mockReset();
  actAs('secretary');
});
afterEach(() => jest.restoreAllMocks());

test('on the schematic, the secretary taps corners round the grid\'s building, undoes one, snaps one onto the neighbour\'s corner, and saves after the server\'s refusal is put right', async () => {
  layOutPlots();
  let saved: unknown;
  let refuse = true;
  const items = [...grids.items];
  routeCalls(callMock, {
    ...tree,
    'org.grids': () => ({ items }),
    'org.saveGrid': (data: { boundary: [number, number][] }) => {
      if (refuse) {
        refuse = false;
        throw new AppError('VALIDATION_FAILED', '网格边界与其他网格重叠：第二网格', { fields: [{ path: 'boundary', message: '边界不能与「第二网格」重叠（相邻网格可以共用边线）' }] });
      }
      saved = data.boundary;
      items[0] = { ...items[0], boundary: data.boundary } as (typeof items)[number];
      return { grid: items[0] };
    },
  });
  render(<OrgPage />);

  expect(await screen.findByText('地图边界：未画')).toBeInTheDocument();
  fireEvent.click(screen.getByRole('button', { name: '画第一网格的边界' }));
  const plot = await screen.findByRole('group', { name: '网格示意图：点按添加边界顶点' });
  expect(screen.getByText(/在地图上依次点按网格边界的各个拐角/)).toBeInTheDocument();
  // The neighbour is drawn (named, no counts: this is not the wish map), and the grid's own building, which the outline must hold.
  expect(within(plot).getByText('第二网格')).toBeInTheDocument();
  expect(within(plot).queryByText(/待\d/)).toBeNull();
  const pin = within(plot).getByRole('img', { name: '1栋' }).querySelector('rect')!;
  const [bx, by] = [Number(pin.getAttribute('x')) + 4, Number(pin.getAttribute('y')) + 4];
  // Where the neighbour's south-west corner is drawn: the first corner of its outline's path.
  const [nx, ny] = /^M([\d.]+),([\d.]+)/.exec(plot.querySelector('path')!.getAttribute('d')!)!.slice(1).map(Number);

  const tap = (x: number, y: number) => fireEvent.click(plot, { clientX: x, clientY: y });
  tap(bx - 30, by - 30);
  tap(bx + 30, by - 30);
  tap(bx - 30, by + 40);
  expect(screen.getByText(/已点 3 个顶点，边界会自动闭合/)).toBeInTheDocument();
  expect(plot.querySelectorAll('.staff-map__corner')).toHaveLength(3);
  fireEvent.click(screen.getByText('撤销上一点'));
  expect(plot.querySelectorAll('.staff-map__corner')).toHaveLength(2);
  expect(screen.getByText(/已点 2 个顶点，至少还需 1 个/)).toBeInTheDocument();
  expect(screen.getByText('保存边界')).toBeDisabled();
  // Five pixels off the neighbour's corner: the corner itself is taken, so the two grids share it exactly.
  tap(nx + 5, ny - 3);
  tap(bx - 30, by + 40);
  expect(plot.querySelector('.staff-map__draft')!.getAttribute('d')).toMatch(/^M[\d.,]+ L[\d.,]+ L[\d.,]+ L[\d.,]+ Z$/);

  fireEvent.click(screen.getByText('保存边界'));
  expect(await screen.findByRole('alert')).toHaveTextContent('边界不能与「第二网格」重叠（相邻网格可以共用边线）');
  // Still drawing, nothing lost: the secretary puts it right and saves again.
  expect(plot.querySelectorAll('.staff-map__corner')).toHaveLength(4);
  fireEvent.click(screen.getByText('保存边界'));
  await waitFor(() => expect(screen.queryByRole('group', { name: '网格示意图：点按添加边界顶点' })).toBeNull());
  const row = (await screen.findByText('第一网格', { selector: '.staff-org__name' })).closest('.staff-org__group') as HTMLElement;
  expect(await within(row).findByText('地图边界：4 个顶点')).toBeInTheDocument();

  const corners = saved as [number, number][];
  expect(corners).toHaveLength(4);
  expect(corners[2]).toEqual(second[0]);
  // Stored as written down: six decimals, round the building (north-west, north-east, …, south-west of it).
  for (const [lng, lat] of corners) {
    expect(Math.round(lng * 1e6) / 1e6).toBe(lng);
    expect(Math.round(lat * 1e6) / 1e6).toBe(lat);
  }
  expect(corners[0][0]).toBeLessThan(113.991);
  expect(corners[0][1]).toBeGreaterThan(31.2525);
  expect(corners[1][0]).toBeGreaterThan(113.991);
  expect(corners[3][1]).toBeLessThan(31.2525);
  expect(callsTo(callMock, 'org', 'saveGrid').at(-1)![2]).toEqual({ id: 'g1', name: '第一网格', boundary: corners });
});

test('clearing a drawn outline and saving takes it off; cancelling changes nothing', async () => {
  layOutPlots();
  routeCalls(callMock, { ...tree, 'org.grids': grids, 'org.saveGrid': (d: unknown) => ({ grid: d }) });
  render(<OrgPage />);
  fireEvent.click(await screen.findByRole('button', { name: '修改第二网格的边界' }));
  const plot = await screen.findByRole('group', { name: '网格示意图：点按添加边界顶点' });
  expect(plot.querySelectorAll('.staff-map__corner')).toHaveLength(4);
  fireEvent.click(screen.getByText('取消'));
  expect(callsTo(callMock, 'org', 'saveGrid')).toHaveLength(0);

  fireEvent.click(screen.getByRole('button', { name: '修改第二网格的边界' }));
  fireEvent.click(screen.getByText('清除'));
  fireEvent.click(screen.getByText('移除边界'));
  await waitFor(() => expect(callsTo(callMock, 'org', 'saveGrid')).toHaveLength(1));
  expect(callsTo(callMock, 'org', 'saveGrid')[0][2]).toEqual({ id: 'g2', name: '第二网格', boundary: null });
});

describe('with tiles configured', () => {
  const tiles = { layers: ['http://tiles.test/{z}/{x}/{y}.png'], subdomains: 'abc', datum: 'wgs84' as const };

  beforeEach(() => {
    // Leaflet measures its box; jsdom's are all 0 × 0.
    jest.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(360);
    jest.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(360);
  });

  test('the outline is drawn on the tiles; a tap on WGS-84 tiles is kept in GCJ-02, as every point is', async () => {
    routeCalls(callMock, { ...tree, 'org.grids': { ...grids, tiles }, 'org.saveGrid': (d: unknown) => ({ grid: d }) });
    render(<OrgPage />);
    fireEvent.click(await screen.findByRole('button', { name: '画第一网格的边界' }));
    const map = await screen.findByRole('group', { name: '网格地图：点按添加边界顶点' });
    expect(map.querySelector('img.leaflet-tile')!.getAttribute('src')).toMatch(/^http:\/\/tiles\.test\/\d+\/\d+\/\d+\.png$/);
    expect(within(map).getByRole('img', { name: '1栋' })).toBeInTheDocument();

    // The map opens on the community, fitted below the room left at the top for the grids' names (48 px, 16 below):
    // the middle of that, tapped, is the middle of what is drawn there.
    for (const [x, y] of [[180, 196], [220, 196], [200, 236]]) fireEvent.click(map, { clientX: x, clientY: y });
    expect(map.querySelectorAll('.staff-map__tile-corner')).toHaveLength(3);
    fireEvent.click(screen.getByText('保存边界'));
    await waitFor(() => expect(callsTo(callMock, 'org', 'saveGrid')).toHaveLength(1));
    const [first] = (callsTo(callMock, 'org', 'saveGrid')[0][2] as { boundary: [number, number][] }).boundary;
    // The frame's middle in GCJ-02 (the grids' and buildings' box, grown alike on every side) …
    const middle: [number, number] = [(113.991 + 113.996) / 2, (31.2518 + 31.2533) / 2];
    expect(Math.abs(first[0] - middle[0])).toBeLessThan(0.0002);
    expect(Math.abs(first[1] - middle[1])).toBeLessThan(0.0002);
    // … where a map that forgot the datum would have put it some 500 m off.
    const unmoved = gcj02ToWgs84(...middle);
    expect(Math.abs(first[0] - unmoved[0]) + Math.abs(first[1] - unmoved[1])).toBeGreaterThan(0.003);
  });
});
