import { fireEvent, render, screen, within } from '@testing-library/react';
import { AppError } from '@shared/errors';
import { call } from '../../client/src/services/api';
import DashboardPage from '../../client/src/packages/staff/pages/dashboard/index';
import { callsTo, routeCalls, actAs } from './staff-helpers';

jest.mock('../../client/src/services/api', () => ({ call: jest.fn(), httpJson: jest.fn(), apiUrl: (p: string) => p }));
const callMock = call as jest.Mock;

const overview = {
  collected: 1500,
  approved: 1420,
  claimed: 1380,
  completed: 1302,
  confirmed: 1250,
  serviceCount: 1800,
  avgRating: 4.8,
  pendingReview: 12,
};

/** Replies shaped as cloudfunctions/stats answers them (BreakdownReply / LeaderboardReply: `rows`). */
const charts = {
  'stats.breakdown': (d: Record<string, unknown>) => {
    if (d.by === 'month')
      return { by: 'month', rows: [{ key: '2026-10', label: '2026-10', count: 40 }, { key: '2026-11', label: '2026-11', count: 55 }] };
    if (d.by === 'category')
      return { by: 'category', rows: [{ key: 'medical_trip', label: '就医出行', count: 320 }, { key: 'repair', label: '维修', count: 210 }] };
    return { by: 'grid', rows: [{ key: 'g1', label: '第一网格', count: 700 }, { key: 'none', label: '未划网格', count: 3 }] };
  },
  'stats.leaderboard': (d: Record<string, unknown>) =>
    d.kind === 'unit'
      ? { rows: [{ rank: 1, id: 'u1', name: '县人民医院', services: 96, hours: 200 }] }
      : { rows: [{ rank: 1, id: 'p1', name: '陈志强', services: 41, hours: 80 }] },
  'stats.branches': {
    branches: [
      { id: 'b0', level: 'town', name: '花园镇党委', own: counts(0, 0, 0), total: counts(7, 12.5, 5, 3) },
      { id: 'b1', level: 'community', name: '桃源社区党总支', parentId: 'b0', own: counts(0, 0, 1), total: counts(7, 12.5, 5, 3) },
      { id: 'b2', level: 'compound', name: '桃源小区党支部', parentId: 'b1', own: counts(2, 3), total: counts(5, 9, 3, 2) },
      { id: 'b3', level: 'building', name: 'G5栋党小组', parentId: 'b2', own: counts(3, 6, 3, 2), total: counts(3, 6, 3, 2) },
      { id: 'b4', level: 'unit', name: '妇幼保健院党支部', parentId: 'b1', own: counts(2, 3.5, 2, 1), total: counts(2, 3.5, 2, 1) },
    ],
    units: [
      { id: 'u1', name: '孝昌县妇幼保健院', kind: 'public_institution', members: 2, reported: 1, services: 4, hours: 7 },
      { id: 'u2', name: '桃源物业服务中心', kind: 'property_company', members: 0, reported: 0, services: 0, hours: 0 },
    ],
  },
};

function counts(services: number, hours: number, members = 0, reported = 0) {
  return { services, hours, members, reported };
}

test('shows each party branch with its totals rolled up the tree, and the units’ party members who reported (双报到)', async () => {
  routeCalls(callMock, { 'stats.overview': overview, ...charts });
  render(<DashboardPage />);

  expect(await screen.findAllByText('服务 7 次 · 12.5 小时 · 党员 5 人（已报到 3）')).toHaveLength(2);
  expect(screen.getByText('服务 5 次 · 9 小时 · 党员 3 人（已报到 2）')).toBeInTheDocument();
  const names = [...document.querySelectorAll('.staff-org__branch .staff-org__name')].map((n) => n.textContent);
  expect(names).toEqual(['花园镇党委', '桃源社区党总支', '桃源小区党支部', 'G5栋党小组', '妇幼保健院党支部']);
  expect(screen.getByText('党员 2 人 · 已报到 1 人 · 服务 4 次 · 7 小时')).toBeInTheDocument();
  // A unit with no party members and no services is left out.
  expect(screen.queryByText('桃源物业服务中心')).toBeNull();
});

beforeEach(() => {
  callMock.mockReset();
  actAs('secretary');
});

test('shows the headline numbers the stats function returns', async () => {
  routeCalls(callMock, { 'stats.overview': overview, ...charts });
  render(<DashboardPage />);

  expect(await screen.findByLabelText('本期收集 1,500')).toBeInTheDocument();
  expect(screen.getByLabelText('本期审核通过 1,420')).toBeInTheDocument();
  expect(screen.getByLabelText('本期认领 1,380')).toBeInTheDocument();
  expect(screen.getByLabelText('本期完成 1,302')).toBeInTheDocument();
  expect(screen.getByLabelText('本期居民确认 1,250')).toBeInTheDocument();
  expect(screen.getByLabelText('本期服务人次 1,800')).toBeInTheDocument();
  expect(screen.getByLabelText('平均评分 4.8')).toBeInTheDocument();
});

test('draws the trend, category, grid and leaderboard charts from the breakdowns', async () => {
  routeCalls(callMock, { 'stats.overview': overview, ...charts });
  render(<DashboardPage />);

  expect(await screen.findByLabelText('11月 55')).toBeInTheDocument();
  expect(screen.getByLabelText('10月 40')).toBeInTheDocument();
  expect(screen.getByLabelText('就医出行 320')).toBeInTheDocument();
  expect(screen.getByLabelText('维修 210')).toBeInTheDocument();
  expect(screen.getByLabelText('第一网格 700')).toBeInTheDocument();
  expect(screen.getByLabelText('县人民医院 96次')).toBeInTheDocument();
  expect(screen.getByLabelText('陈志强 41次')).toBeInTheDocument();
  expect(callsTo(callMock, 'stats', 'breakdown').map((c) => c[2].by).sort()).toEqual(['category', 'grid', 'month']);
});

test('the trend shows the last twelve months in order across a new year, and orders them without building a collator', async () => {
  // localeCompare's first call in a page builds an ICU collator: a long task on a phone, for keys that are digits and dashes.
  const collate = jest.spyOn(String.prototype, 'localeCompare');
  const months = ['2026-02', '2025-03', '2026-01', '2025-12', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-02'];
  routeCalls(callMock, {
    'stats.overview': overview,
    ...charts,
    'stats.breakdown': (d: Record<string, unknown>) =>
      d.by === 'month' ? { by: 'month', rows: months.map((key, i) => ({ key, label: key, count: i + 1 })) } : charts['stats.breakdown'](d),
  });
  render(<DashboardPage />);

  await screen.findByLabelText('2月 1');
  const columns = [...document.querySelectorAll('.staff-trend__col')].map((c) => c.getAttribute('aria-label'));
  expect(columns).toEqual(['3月 2', '4月 5', '5月 6', '6月 7', '7月 8', '8月 9', '9月 10', '10月 11', '11月 12', '12月 4', '26年1月 3', '2月 1']);
  expect(collate).not.toHaveBeenCalled();
  collate.mockRestore();
});

test('no ratings yet reads as 暂无, not 0', async () => {
  routeCalls(callMock, { 'stats.overview': { ...overview, avgRating: null }, ...charts });
  render(<DashboardPage />);
  expect(await screen.findByLabelText('平均评分 暂无')).toBeInTheDocument();
});

test('a time range is sent to every stats call', async () => {
  routeCalls(callMock, { 'stats.overview': overview, ...charts });
  render(<DashboardPage />);
  await screen.findByLabelText('本期收集 1,500');
  callMock.mockClear();

  fireEvent.click(screen.getByText('近30天'));
  await screen.findByLabelText('本期收集 1,500');
  await screen.findByLabelText('就医出行 320');
  for (const [, , data] of callMock.mock.calls) expect(data.from).toEqual(expect.any(String));
});

test('one failed chart does not take the numbers down; a failed overview offers a retry', async () => {
  let overviewDown = true;
  routeCalls(callMock, {
    'stats.overview': () => {
      if (overviewDown) throw new AppError('INTERNAL', '');
      return overview;
    },
    ...charts,
    'stats.leaderboard': () => {
      throw new AppError('FORBIDDEN', '');
    },
  });
  render(<DashboardPage />);

  expect(await screen.findByText('加载失败')).toBeInTheDocument();
  overviewDown = false;
  fireEvent.click(screen.getByText('重试'));

  expect(await screen.findByLabelText('本期服务人次 1,800')).toBeInTheDocument();
  expect(await screen.findByLabelText('就医出行 320')).toBeInTheDocument();
  const units = screen.getByText('共建单位服务榜').parentElement as HTMLElement;
  expect(within(units).getByText('该图表加载失败，下拉可重试')).toBeInTheDocument();
});

test('a town admin picks a community of the town', async () => {
  actAs('town_admin');
  routeCalls(callMock, {
    'org.community': { community: null, communities: [{ id: 'c1', name: '狮子山社区' }, { id: 'c2', name: '桃源社区' }] },
    'stats.overview': (d: Record<string, unknown>) => ({ ...overview, collected: d.communityId === 'c2' ? 88 : 1500 }),
    ...charts,
  });
  render(<DashboardPage />);
  expect(await screen.findByLabelText('本期收集 1,500')).toBeInTheDocument();

  fireEvent.click(await screen.findByText('桃源社区'));
  expect(await screen.findByLabelText('本期收集 88')).toBeInTheDocument();
  expect(callsTo(callMock, 'stats', 'overview').at(-1)?.[2]).toEqual({ communityId: 'c2' });
});

test('a grid worker is told the dashboard is not for their role', () => {
  actAs('grid_worker');
  routeCalls(callMock, {});
  render(<DashboardPage />);
  expect(screen.getByText('暂无权限')).toBeInTheDocument();
  expect(callMock).not.toHaveBeenCalled();
});

test('export downloads the ledger as the XLSX the server wrote, byte for byte, under its name', async () => {
  const blobs: Blob[] = [];
  const createObjectURL = jest.fn((b: Blob) => (blobs.push(b), 'blob:report'));
  Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
  const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    expect(this.download).toBe('心愿台账-2026-11-22.xlsx');
    expect(this.href).toBe('blob:report');
  });
  // A zip's first bytes and then some that base64 must carry intact.
  const file = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0xe7, 0xbc, 0x96]);
  const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  routeCalls(callMock, {
    'stats.overview': overview,
    ...charts,
    'stats.export': { fileName: '心愿台账-2026-11-22.xlsx', mimeType: xlsx, base64: Buffer.from(file).toString('base64'), rows: 1, truncated: false },
  });
  render(<DashboardPage />);
  await screen.findByLabelText('本期收集 1,500');

  fireEvent.click(screen.getByText('导出报表'));

  expect(await screen.findByText('报表已开始下载')).toBeInTheDocument();
  expect(click).toHaveBeenCalledTimes(1);
  expect(callsTo(callMock, 'stats', 'export').at(-1)?.[2]).toMatchObject({ format: 'xlsx' });
  expect(blobs[0].type).toBe(xlsx);
  const buffer = await new Promise<ArrayBuffer>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.readAsArrayBuffer(blobs[0]);
  });
  expect([...new Uint8Array(buffer)]).toEqual([...file]);
  click.mockRestore();
});

test('a refused export says why', async () => {
  routeCalls(callMock, {
    'stats.overview': overview,
    ...charts,
    'stats.export': () => {
      throw new AppError('RATE_LIMITED', '');
    },
  });
  render(<DashboardPage />);
  await screen.findByLabelText('本期收集 1,500');
  fireEvent.click(screen.getByText('导出报表'));
  expect(await screen.findByText('导出未成功：操作太频繁，请稍后再试')).toBeInTheDocument();
});

test('while the charts load, the trend keeps its frame and each leaderboard its five rows, so nothing below moves when they arrive', async () => {
  let answerMonths: (reply: unknown) => void = () => undefined;
  routeCalls(callMock, {
    'stats.overview': overview,
    ...charts,
    'stats.breakdown': (d: Record<string, unknown>) =>
      d.by === 'month' ? new Promise((resolve) => (answerMonths = resolve)) : charts['stats.breakdown'](d),
  });
  render(<DashboardPage />);
  await screen.findByLabelText('本期收集 1,500');

  const trend = screen.getByText('心愿趋势（按月）').parentElement as HTMLElement;
  const loadingTrend = trend.querySelector('.staff-trend');
  expect(loadingTrend).toHaveAttribute('aria-busy', 'true');
  expect(within(trend).getByText('加载中…')).toBeInTheDocument();
  const units = screen.getByText('共建单位服务榜').parentElement as HTMLElement;
  expect(units.querySelectorAll('.staff-bars__row')).toHaveLength(5);

  answerMonths({ by: 'month', rows: [{ key: '2026-11', label: '2026-11', count: 55 }] });
  expect(await screen.findByLabelText('11月 55')).toBeInTheDocument();
  expect(trend.querySelector('.staff-trend')).not.toHaveAttribute('aria-busy');
  expect(within(units).getByLabelText('县人民医院 96次')).toBeInTheDocument();
});

test('the tiles and chart cards are drawn before the numbers come, with — for each number, and filled in place', async () => {
  let answerOverview: (reply: unknown) => void = () => undefined;
  routeCalls(callMock, { ...charts, 'stats.overview': () => new Promise((resolve) => (answerOverview = resolve)) });
  render(<DashboardPage />);

  expect(await screen.findByLabelText('本期收集 —')).toBeInTheDocument();
  expect(screen.getByLabelText('平均评分 —')).toBeInTheDocument();
  expect(screen.getByLabelText('本期收集 —').closest('[aria-busy="true"]')).not.toBeNull();
  expect(screen.getByText('心愿趋势（按月）')).toBeInTheDocument();
  expect(await screen.findByLabelText('就医出行 320')).toBeInTheDocument();

  answerOverview(overview);
  expect(await screen.findByLabelText('本期收集 1,500')).toBeInTheDocument();
  expect(screen.getByLabelText('本期收集 1,500').closest('[aria-busy="true"]')).toBeNull();
});
