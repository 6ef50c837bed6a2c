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
  open: 8,
  inProgress: 4,
  helpers: 5,
  byStatus: { pending_review: 12, open: 6, assigned: 2, claimed: 1, in_progress: 3, confirmed: 1250 },
};

const months = [{ key: '2026-10', label: '2026-10', count: 40 }, { key: '2026-11', label: '2026-11', count: 55 }];
const branches = {
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
};

/** stats.dashboard's reply (DashboardReply: the overview, the breakdowns' and leaderboards' rows, the party tree), with `parts` changed. */
const dashboard = (parts: Record<string, unknown> = {}) => ({
  overview,
  byMonth: months,
  byCategory: [{ key: 'medical_trip', label: '就医出行', count: 320 }, { key: 'repair', label: '维修', count: 210 }],
  byGrid: [{ key: 'g1', label: '第一网格', count: 700 }, { key: 'none', label: '未划网格', count: 3 }],
  topUnits: [{ rank: 1, id: 'u1', name: '县人民医院', services: 96, hours: 200 }],
  topVolunteers: [{ rank: 1, id: 'p1', name: '陈志强', services: 41, hours: 80 }],
  branches,
  ...parts,
});
const charts = { 'stats.dashboard': () => dashboard() };

function counts(services: number, hours: number, members = 0, reported = 0) {
  return { services, hours, members, reported };
}

test('shows each party branch with its totals rolled up the tree, and the units’ party members who reported (双报到)', async () => {
  routeCalls(callMock, charts);
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

test('counts what is in flight state by state under the names 全部心愿\'s tabs use, so the two screens show the same figures', async () => {
  routeCalls(callMock, charts);
  render(<DashboardPage />);

  // Not 待认领 8 (open and assigned together) beside the board's 待认领 6, nor 服务中 4 beside its 服务中 3.
  for (const label of ['待审核 12', '待认领 6', '已指派 2', '已认领 1', '服务中 3', '本期参与志愿者 5']) {
    expect(await screen.findByLabelText(label)).toBeInTheDocument();
  }
});

test('shows the headline numbers the stats function returns', async () => {
  routeCalls(callMock, charts);
  render(<DashboardPage />);

  expect(await screen.findByLabelText('本期收集 1,500')).toBeInTheDocument();
  expect(screen.getByLabelText('本期审核通过 1,420')).toBeInTheDocument();
  expect(screen.getByLabelText('本期认领 1,380')).toBeInTheDocument();
  expect(screen.getByLabelText('本期完成 1,302')).toBeInTheDocument();
  expect(screen.getByLabelText('本期居民确认 1,250')).toBeInTheDocument();
  expect(screen.getByLabelText('本期服务人次 1,800')).toBeInTheDocument();
  expect(screen.getByLabelText('平均评分 4.8')).toBeInTheDocument();
});

test('draws the trend, category, grid and leaderboard charts, all from one read of the server', async () => {
  routeCalls(callMock, charts);
  render(<DashboardPage />);

  expect(await screen.findByLabelText('11月 55')).toBeInTheDocument();
  expect(screen.getByLabelText('10月 40')).toBeInTheDocument();
  expect(screen.getByLabelText('就医出行 320')).toBeInTheDocument();
  expect(screen.getByLabelText('维修 210')).toBeInTheDocument();
  expect(await screen.findByLabelText('第一网格 700')).toBeInTheDocument();
  expect(screen.getByLabelText('县人民医院 96次')).toBeInTheDocument();
  expect(screen.getByLabelText('陈志强 41次')).toBeInTheDocument();
  // One request and one render for the whole screen (stats.dashboard), the one index.html starts early.
  expect(callMock.mock.calls).toEqual([['stats', 'dashboard', {}]]);
});

test('the trend shows the last twelve months in order across a new year, and orders them without building a collator', async () => {
  // localeCompare's first call in a page builds an ICU collator: a long task on a phone, for keys that are digits and dashes.
  const collate = jest.spyOn(String.prototype, 'localeCompare');
  const months = ['2026-02', '2025-03', '2026-01', '2025-12', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-02'];
  routeCalls(callMock, {
    'stats.dashboard': () => dashboard({ byMonth: months.map((key, i) => ({ key, label: key, count: i + 1 })) }),
  });
  render(<DashboardPage />);

  await screen.findByLabelText('2月 1');
  const columns = [...document.querySelectorAll('.staff-trend__col')].map((c) => c.getAttribute('aria-label'));
  expect(columns).toEqual(['3月 2', '4月 5', '5月 6', '6月 7', '7月 8', '8月 9', '9月 10', '10月 11', '11月 12', '12月 4', '26年1月 3', '2月 1']);
  expect(collate).not.toHaveBeenCalled();
  collate.mockRestore();
});

test('no ratings yet reads as 暂无, not 0', async () => {
  routeCalls(callMock, { 'stats.dashboard': () => dashboard({ overview: { ...overview, avgRating: null } }) });
  render(<DashboardPage />);
  expect(await screen.findByLabelText('平均评分 暂无')).toBeInTheDocument();
});

test('a time range is sent to every stats call', async () => {
  routeCalls(callMock, charts);
  render(<DashboardPage />);
  await screen.findByLabelText('本期收集 1,500');
  callMock.mockClear();

  fireEvent.click(screen.getByText('近30天'));
  await screen.findByLabelText('本期收集 1,500');
  await screen.findByLabelText('就医出行 320');
  for (const [, , data] of callMock.mock.calls) expect(data.from).toEqual(expect.any(String));
});

test('a failed read offers a retry, and the retry fills every number and chart', async () => {
  let down = true;
  routeCalls(callMock, {
    'stats.dashboard': () => {
      if (down) throw new AppError('INTERNAL', '');
      return dashboard();
    },
  });
  render(<DashboardPage />);

  expect(await screen.findByText('加载失败')).toBeInTheDocument();
  down = false;
  fireEvent.click(screen.getByText('重试'));

  expect(await screen.findByLabelText('本期服务人次 1,800')).toBeInTheDocument();
  expect(screen.getByLabelText('就医出行 320')).toBeInTheDocument();
  expect(await screen.findByLabelText('县人民医院 96次')).toBeInTheDocument();
  expect(screen.getAllByText('服务 7 次 · 12.5 小时 · 党员 5 人（已报到 3）')).toHaveLength(2);
});

test('a category or grid the server could not name is still shown with a readable label', async () => {
  routeCalls(callMock, {
    'stats.dashboard': () =>
      dashboard({ byCategory: [{ key: 'repair', label: '', count: 9 }, { key: '', label: '', count: 2 }], byGrid: [{ key: '', label: '', count: 4 }] }),
  });
  render(<DashboardPage />);
  expect(await screen.findByLabelText('维修 9')).toBeInTheDocument();
  expect(screen.getByLabelText('其他 2')).toBeInTheDocument();
  expect(await screen.findByLabelText('未划分网格 4')).toBeInTheDocument();
});

test('a town admin picks a community of the town', async () => {
  actAs('town_admin');
  routeCalls(callMock, {
    'org.community': { community: null, communities: [{ id: 'c1', name: '狮子山社区' }, { id: 'c2', name: '桃源社区' }] },
    'stats.dashboard': (d: Record<string, unknown>) => dashboard({ overview: { ...overview, collected: d.communityId === 'c2' ? 88 : 1500 } }),
  });
  render(<DashboardPage />);
  expect(await screen.findByLabelText('本期收集 1,500')).toBeInTheDocument();

  fireEvent.click(await screen.findByText('桃源社区'));
  expect(await screen.findByLabelText('本期收集 88')).toBeInTheDocument();
  expect(callsTo(callMock, 'stats', 'dashboard').at(-1)?.[2]).toEqual({ communityId: 'c2' });
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

test('the tiles and chart cards are drawn before the answer comes, with — for each number, the trend keeping its frame and each leaderboard its five rows, so nothing below moves when it arrives', async () => {
  let answer: (reply: unknown) => void = () => undefined;
  routeCalls(callMock, { 'stats.dashboard': () => new Promise((resolve) => (answer = resolve)) });
  render(<DashboardPage />);

  expect(await screen.findByLabelText('本期收集 —')).toBeInTheDocument();
  expect(screen.getByLabelText('平均评分 —')).toBeInTheDocument();
  expect(screen.getByLabelText('本期收集 —').closest('[aria-busy="true"]')).not.toBeNull();
  const trend = screen.getByText('心愿趋势（按月）').parentElement as HTMLElement;
  expect(trend.querySelector('.staff-trend')).toHaveAttribute('aria-busy', 'true');
  expect(within(trend).getByText('加载中…')).toBeInTheDocument();
  const units = screen.getByText('共建单位服务榜').parentElement as HTMLElement;
  expect(units.querySelectorAll('.staff-bars__row')).toHaveLength(5);
  const volunteers = screen.getByText('志愿者服务榜').parentElement as HTMLElement;
  expect(volunteers.querySelectorAll('.staff-bars__row')).toHaveLength(5);

  answer(dashboard());
  expect(await screen.findByLabelText('本期收集 1,500')).toBeInTheDocument();
  expect(screen.getByLabelText('本期收集 1,500').closest('[aria-busy="true"]')).toBeNull();
  expect(screen.getByLabelText('11月 55')).toBeInTheDocument();
  expect(trend.querySelector('.staff-trend')).not.toHaveAttribute('aria-busy');
  expect(await within(units).findByLabelText('县人民医院 96次')).toBeInTheDocument();
  expect(screen.getByText('桃源小区党支部')).toBeInTheDocument();
});

test('the first screenful is drawn first; the cards below the fold fill in a draw of their own after it, in frames that were already there', async () => {
  // What the page showed after each change to it: the headline filled or not, the grid chart filled or not.
  const seen: string[] = [];
  const observer = new MutationObserver(() => {
    const state = `${screen.queryByLabelText('本期收集 1,500') ? 'tiles' : '—'}/${screen.queryByLabelText('第一网格 700') ? 'grids' : '—'}`;
    if (seen.at(-1) !== state) seen.push(state);
  });
  observer.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
  routeCalls(callMock, charts);
  render(<DashboardPage />);

  expect(await screen.findByLabelText('第一网格 700')).toBeInTheDocument();
  observer.disconnect();
  expect(seen).toEqual(['—/—', 'tiles/—', 'tiles/grids']);
  // The leaderboards and the party tree fill with the grids.
  expect(screen.getByLabelText('陈志强 41次')).toBeInTheDocument();
  expect(screen.getByText('桃源小区党支部')).toBeInTheDocument();
});
