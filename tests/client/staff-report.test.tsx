import { fireEvent, render, screen, within } from '@testing-library/react';
import { recentChinaMonths } from '@shared/time';
import { call } from '../../client/src/services/api';
import ReportPage from '../../client/src/packages/staff/pages/report/index';
import { actAs, callsTo, routeCalls } from './staff-helpers';

jest.mock('../../client/src/services/api', () => ({ call: jest.fn(), httpJson: jest.fn(), apiUrl: (p: string) => p }));
const callMock = call as jest.Mock;

const row = (key: string, label: string, collected: number, services: number, hours: number) => ({ key, label, collected, completed: collected, confirmed: collected, services, hours });
const reportOf = (month: string) => ({
  month, from: `${month}-01T00:00:00+08:00`, to: '2026-12-01T00:00:00+08:00',
  scope: { kind: 'community', name: '桃源社区', communities: [{ id: 'c1', name: '桃源社区' }] },
  overview: { communityIds: ['c1'], collected: 42, approved: 40, claimed: 38, completed: 35, confirmed: 33, pendingReview: 2, open: 1, inProgress: 3, cancelled: 1, byStatus: {}, serviceCount: 36, serviceHours: 71.5, helpers: 18, avgRating: 4.8, ratedCount: 20 },
  byCategory: [row('repair', '维修', 20, 18, 30), row('daily_help', '生活帮扶', 10, 9, 20.5)],
  byGrid: [row('g2', '桃源第二网格', 25, 20, 40), row('none', '未划网格', 2, 0, 0)],
  topUnits: [{ id: 'unit-fuyou', name: '孝昌县妇幼保健院', services: 12, hours: 30 }],
  topBranches: [],
  points: { issued: 715, redeemed: 240 },
  stories: { published: 1, titles: [{ id: 's1', title: '厨房水龙头漏水请帮忙维修', publishedAt: '2026-11-20T10:00:00+08:00', wishNumber: 'TY-2026-0007' }] },
  generatedAt: '2026-12-06T09:00:00+08:00',
});

beforeEach(() => {
  callMock.mockReset();
  actAs('secretary');
});

test('the report opens on the month just finished: overview, bars by category and grid, units, stories', async () => {
  const [, lastMonth] = recentChinaMonths(new Date(), 2);
  routeCalls(callMock, { 'stats.report': (d: Record<string, unknown>) => reportOf(String(d.month)) });
  render(<ReportPage />);

  expect(await screen.findByText(/桃源社区 .*“三单”微心愿服务月报/)).toBeInTheDocument();
  expect(callsTo(callMock, 'stats', 'report')[0][2]).toEqual({ month: lastMonth });
  expect(screen.getByLabelText('服务人次 36')).toBeInTheDocument();
  expect(screen.getByLabelText('服务时长(小时) 71.5')).toBeInTheDocument();
  expect(screen.getByLabelText('发布微故事 1')).toBeInTheDocument();
  expect(screen.getByLabelText('发放积分 715')).toBeInTheDocument();
  expect(screen.getByLabelText('兑换积分 240')).toBeInTheDocument();

  // Bars are drawn to scale: the largest row fills the track.
  const categories = screen.getByRole('table', { name: '按类别' });
  const repair = within(categories).getByLabelText('维修 收集 20 服务 18');
  const daily = within(categories).getByLabelText('生活帮扶 收集 10 服务 9');
  expect((repair.querySelector('.report__bar') as HTMLElement).style.width).toBe('100%');
  expect((daily.querySelector('.report__bar') as HTMLElement).style.width).toBe('50%');
  expect(within(screen.getByRole('table', { name: '按网格' })).getByText('未划网格')).toBeInTheDocument();
  expect(screen.getByText('1. 孝昌县妇幼保健院：服务 12 人次，30 小时')).toBeInTheDocument();
  expect(screen.getByText('本月暂无党组织服务记录')).toBeInTheDocument();
  // Each story names its wish by number, for the office to ask about.
  expect(screen.getByText(/· 厨房水龙头漏水请帮忙维修（TY-2026-0007，/)).toBeInTheDocument();
  expect(screen.getByText(/厨房水龙头漏水请帮忙维修/)).toBeInTheDocument();
});

test('choosing another month asks for that month', async () => {
  const months = recentChinaMonths(new Date(), 4);
  routeCalls(callMock, { 'stats.report': (d: Record<string, unknown>) => reportOf(String(d.month)) });
  render(<ReportPage />);
  await screen.findByText(/月报/);
  const picker = screen.getByRole('radiogroup', { name: '月份' });
  fireEvent.click(within(picker).getByText(`${months[3].slice(0, 4)}年${Number(months[3].slice(5))}月`));
  await screen.findByText(new RegExp(`${months[3].slice(0, 4)}年${Number(months[3].slice(5))}月“三单”`));
  expect(callsTo(callMock, 'stats', 'report').map((c) => c[2].month)).toContain(months[3]);
});
