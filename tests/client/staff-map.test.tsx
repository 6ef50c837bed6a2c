import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { call } from '../../client/src/services/api';
import GridMapPage from '../../client/src/packages/staff/pages/map/index';
import { taroMock } from './__mocks__/taro';
import { actAs, callsTo, routeCalls } from './staff-helpers';

jest.mock('../../client/src/services/api', () => ({ call: jest.fn(), httpJson: jest.fn(), apiUrl: (p: string) => p }));
const callMock = call as jest.Mock;

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const square = (x: number, y: number) => [[x, y], [x + 0.002, y], [x + 0.002, y + 0.0015], [x, y + 0.0015]];
const dot = (id: string, title: string, state: string, lng: number, lat: number, extra: Record<string, unknown> = {}) => ({
  id, communityId: 'c1', title, category: 'daily_help', status: state === 'claimed' ? 'claimed' : 'open', state, priority: 'normal',
  location: { type: 'Point', coordinates: [lng, lat] }, exact: true, since: ago(30), ...extra,
});

const reply = {
  grids: [
    { id: 'g1', communityId: 'c1', name: '桃源第一网格', boundary: square(113.9926, 31.2532), counts: { open: 1, claimed: 1, stalled: 0 } },
    { id: 'g2', communityId: 'c1', name: '桃源第二网格', boundary: square(113.994, 31.2518), counts: { open: 0, claimed: 0, stalled: 1 } },
    { id: 'g3', communityId: 'c1', name: '新划网格', counts: { open: 0, claimed: 0, stalled: 0 } },
  ],
  points: [
    dot('w1', '帮忙买菜', 'open', 113.9935, 31.2538),
    dot('w2', '陪老人看病', 'claimed', 113.9937, 31.2539),
    dot('w3', '老人摔倒需要照看', 'stalled', 113.9951, 31.2527, { priority: 'urgent', escalation: 'secretary' }),
  ],
  communities: [{ id: 'c1', name: '桃源社区', location: { type: 'Point', coordinates: [113.9935, 31.2525] } }],
  counts: { open: 1, claimed: 1, stalled: 1 },
  ungridded: { open: 0, claimed: 0, stalled: 0 },
  truncated: false,
  at: new Date().toISOString(),
};

beforeEach(() => {
  callMock.mockReset();
  taroMock.reset?.();
});

test('a secretary sees the grids drawn with their counts and each wish as a dot by kind, the stalled urgent one first; a tap opens it', async () => {
  actAs('secretary');
  routeCalls(callMock, { 'dispatch.map': reply });
  const { container } = render(<GridMapPage />);

  const plot = await screen.findByRole('group', { name: '网格示意图' });
  // Two grids have outlines; the third is only in the table until someone draws it.
  expect(plot.querySelectorAll('path')).toHaveLength(2);
  expect(within(plot).getByText('桃源第一网格')).toBeInTheDocument();
  expect(within(plot).getAllByRole('button').map((b) => b.getAttribute('aria-label'))).toEqual([
    '帮忙买菜（待认领）', '陪老人看病（已认领）', '【紧急】老人摔倒需要照看（超时未认领）',
  ]);
  // Dots are coloured by kind, as the legend says.
  const fills = [...plot.querySelectorAll('g[role=button] circle:last-of-type')].map((c) => c.getAttribute('fill'));
  expect(new Set(fills).size).toBe(3);
  expect(screen.getByLabelText('图例')).toHaveTextContent('待认领已认领超时未认领');

  const table = screen.getByRole('table', { name: '各网格心愿数' });
  expect(within(table).getAllByRole('row').map((r) => r.textContent)).toEqual(['网格待认领已认领超时未认领', '桃源第一网格110', '桃源第二网格001', '新划网格000']);
  expect(screen.getByRole('status')).toHaveTextContent('待认领 1已认领 1超时未认领 1');

  // The list reads the ones needing someone first.
  const list = [...container.querySelectorAll('.staff-map__item')].map((e) => e.getAttribute('aria-label'));
  expect(list).toEqual(['【紧急】老人摔倒需要照看（超时未认领）', '帮忙买菜（待认领）', '陪老人看病（已认领）']);

  fireEvent.click(within(plot).getByRole('button', { name: '【紧急】老人摔倒需要照看（超时未认领）' }));
  expect(await screen.findByText('超时未认领 · 生活帮扶 · 30分钟前')).toBeInTheDocument();
  fireEvent.click(screen.getByText('查看心愿'));
  expect(taroMock.navigations.at(-1)).toEqual({ kind: 'navigateTo', url: '/pages/wish/index?id=w3' });
});

test('filters ask the server for the kinds and category chosen; the last kind stays on', async () => {
  actAs('grid_worker');
  routeCalls(callMock, { 'dispatch.map': reply });
  render(<GridMapPage />);
  await screen.findByRole('group', { name: '网格示意图' });
  expect(callsTo(callMock, 'dispatch', 'map')[0][2]).toEqual({});

  const kinds = screen.getByRole('group', { name: '状态' });
  fireEvent.click(within(kinds).getByRole('checkbox', { name: /已认领/ }));
  await waitFor(() => expect(callsTo(callMock, 'dispatch', 'map').at(-1)![2]).toEqual({ states: ['open', 'stalled'] }));
  fireEvent.click(within(kinds).getByRole('checkbox', { name: /待认领/ }));
  await waitFor(() => expect(callsTo(callMock, 'dispatch', 'map').at(-1)![2]).toEqual({ states: ['stalled'] }));
  const asked = callsTo(callMock, 'dispatch', 'map').length;
  fireEvent.click(within(kinds).getByRole('checkbox', { name: /超时未认领/ }));
  expect(within(kinds).getByRole('checkbox', { name: /超时未认领/ })).toHaveAttribute('aria-checked', 'true');
  expect(callsTo(callMock, 'dispatch', 'map')).toHaveLength(asked);

  fireEvent.click(within(screen.getByRole('radiogroup', { name: '类别' })).getByText('精神慰藉'));
  await waitFor(() => expect(callsTo(callMock, 'dispatch', 'map').at(-1)![2]).toEqual({ states: ['stalled'], category: 'companionship' }));
});

test('a town admin picks a community; positions they get to ~100 m are said to be approximate', async () => {
  actAs('town_admin');
  const coarse = { ...reply, points: [dot('w9', '助老送餐', 'open', 113.995, 31.253, { exact: false })] };
  routeCalls(callMock, {
    'dispatch.map': coarse,
    'org.community': { community: null, communities: [{ id: 'c1', name: '桃源社区' }, { id: 'c2', name: '花园街社区' }] },
  });
  render(<GridMapPage />);
  fireEvent.click(await screen.findByText('花园街社区'));
  await waitFor(() => expect(callsTo(callMock, 'dispatch', 'map').at(-1)![2]).toEqual({ communityId: 'c2' }));
  fireEvent.click(screen.getAllByRole('button', { name: '助老送餐（待认领）' })[0]);
  expect(await screen.findByText(/位置约 100 米/)).toBeInTheDocument();
});

test('a person acting as a resident is told the map is for staff, and calls nothing', async () => {
  actAs('resident');
  routeCalls(callMock, {});
  render(<GridMapPage />);
  expect(screen.getByText('暂无权限')).toBeInTheDocument();
  expect(callMock).not.toHaveBeenCalled();
});

describe('with tiles configured on the server', () => {
  const tiles = { layers: ['http://tiles.test/{z}/{x}/{y}.png', 'http://labels.test/{z}/{x}/{y}.png'], subdomains: 'abc', datum: 'gcj02' as const, attribution: '© 测试底图' };

  beforeEach(() => {
    // Leaflet measures its box; jsdom's are all 0 × 0.
    jest.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(360);
    jest.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(360);
  });
  afterEach(() => jest.restoreAllMocks());

  test('h5 draws the grids and the wishes on the tiles, each layer as configured, with its credit; a tap on a dot opens it', async () => {
    actAs('secretary');
    routeCalls(callMock, { 'dispatch.map': { ...reply, tiles } });
    render(<GridMapPage />);

    const map = await screen.findByRole('group', { name: '网格地图' });
    expect(screen.queryByRole('group', { name: '网格示意图' })).toBeNull();
    expect(screen.queryByText(/示意图：/)).toBeNull();
    const sources = [...map.querySelectorAll('img.leaflet-tile')].map((t) => t.getAttribute('src'));
    expect(sources.some((s) => /^http:\/\/tiles\.test\/\d+\/\d+\/\d+\.png$/.test(s!))).toBe(true);
    expect(sources.some((s) => /^http:\/\/labels\.test\//.test(s!))).toBe(true);
    expect(map).toHaveTextContent('© 测试底图');

    // The same dots as on the plot, named alike, in their kind's colour; two grids drawn, each labelled with its counts.
    const dots = within(map).getAllByRole('button', { name: /（/ });
    expect(dots.map((d) => d.getAttribute('aria-label')).sort()).toEqual(['【紧急】老人摔倒需要照看（超时未认领）', '帮忙买菜（待认领）', '陪老人看病（已认领）'].sort());
    expect(new Set(dots.map((d) => (d.firstElementChild as HTMLElement).style.background)).size).toBe(3);
    expect(map.querySelectorAll('svg path')).toHaveLength(2);
    expect(within(map).getByText('桃源第一网格')).toBeInTheDocument();
    expect(within(map).getByText('待1 · 超时0 · 已认领1')).toBeInTheDocument();

    fireEvent.click(within(map).getByRole('button', { name: '【紧急】老人摔倒需要照看（超时未认领）' }).firstElementChild!);
    expect(await screen.findByText('超时未认领 · 生活帮扶 · 30分钟前')).toBeInTheDocument();
    fireEvent.click(screen.getByText('查看心愿'));
    expect(taroMock.navigations.at(-1)).toEqual({ kind: 'navigateTo', url: '/pages/wish/index?id=w3' });
  });
});
