import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { AppError } from '@shared/errors';
import { call } from '../../client/src/services/api';
import BoardPage from '../../client/src/packages/staff/pages/board/index';
import { actAs, callsTo, routeCalls } from './staff-helpers';
import { actors, detailReply } from './support/detail';
import { taroMock } from './__mocks__/taro';

jest.mock('../../client/src/services/api', () => ({ call: jest.fn(), httpJson: jest.fn(), apiUrl: (p: string) => p }));
const callMock = call as jest.Mock;

const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
const counts = { pending_review: 2, rejected: 1, open: 4, assigned: 1, claimed: 3, in_progress: 2, done: 0, confirmed: 9, cancelled: 0 };

const stalled = {
  wish: {
    id: 'w1', number: 'TY-2026-0123', communityId: 'c1', gridId: 'g2', category: 'repair', title: '楼道灯不亮了', status: 'claimed', channel: 'miniprogram', priority: 'normal',
    createdAt: hoursAgo(50), submittedAt: hoursAgo(50), claims: [{ claimerId: 'v1', assigneeId: 'v1', kind: 'user', slots: 1, claimedAt: hoursAgo(30) }],
  },
  holders: [{ kind: 'user', id: 'v1', name: '张晓东' }],
  stall: 'unstarted',
  heldSince: hoursAgo(30),
};
const working = {
  wish: { ...stalled.wish, id: 'w2', title: '帮忙换灯泡', claims: [{ ...stalled.wish.claims[0], startedAt: hoursAgo(1) }] },
  holders: [{ kind: 'user', id: 'v1', name: '张晓东', started: true }],
};
const candidates = {
  helpers: [
    { kind: 'user', id: 'p1', name: '彭卫国', roles: ['party_member'], load: 1, distanceM: 300 },
    { kind: 'user', id: 'v2', name: '刘佳', roles: ['volunteer'], load: 5, distanceM: 100, refusal: { reason: 'too_many_tasks', message: '刘佳手上已有 5 个未完成的心愿（上限 5 个），请改派他人' } },
  ],
  units: [],
  maxOpenTasks: 5,
  at: new Date().toISOString(),
};

function routes(extra: Record<string, unknown> = {}) {
  routeCalls(callMock, {
    'dispatch.board': (d: Record<string, unknown>) => ({ items: d.status === 'claimed' ? [stalled, working] : [], counts, at: new Date().toISOString() }),
    'org.grids': { items: [{ id: 'g2', name: '桃源第二网格' }] },
    'org.community': { community: null, communities: [{ id: 'c1', name: '桃源社区' }, { id: 'c3', name: '花园街社区' }] },
    ...extra,
  });
}

const card = (title: string) => screen.getByLabelText(`心愿：${title}`);

beforeEach(() => {
  callMock.mockReset();
  taroMock.reset();
});

test('a tab for every state with its count; a claimed wish shows who holds it, since when, and that it has stalled', async () => {
  actAs('secretary');
  routes();
  render(<BoardPage />);
  for (const label of ['待审核 2', '待认领 4', '已指派 1', '已认领 3', '服务中 2', '已完成 0', '已确认 9', '未通过 1', '已取消 0']) {
    expect(await screen.findByText(label)).toBeInTheDocument();
  }
  expect(await screen.findByText('暂无待审核的心愿')).toBeInTheDocument();

  fireEvent.click(screen.getByText('已认领 3'));
  expect(await screen.findByText('楼道灯不亮了')).toBeInTheDocument();
  expect(callsTo(callMock, 'dispatch', 'board').at(-1)![2]).toEqual({ status: 'claimed' });
  const row = card('楼道灯不亮了');
  expect(within(row).getByText('认领：张晓东 · 1天前')).toBeInTheDocument();
  expect(within(row).getByText('停滞：超过一天没有开始')).toBeInTheDocument();
  expect(within(row).getByText('网格：桃源第二网格')).toBeInTheDocument();
  expect(within(row).getByText('编号 TY-2026-0123')).toBeInTheDocument();
  // Work under way is the helper's: no 收回 there.
  expect(within(card('帮忙换灯泡')).getByText('认领：张晓东（已开始）')).toBeInTheDocument();
  expect(within(card('帮忙换灯泡')).queryByText('收回')).not.toBeInTheDocument();

  // Tapping the row opens the wish with its timeline.
  fireEvent.click(within(row).getByText('楼道灯不亮了'));
  expect(taroMock.navigations.at(-1)).toEqual({ kind: 'navigateTo', url: '/pages/wish/index?id=w1' });
});

test('收回并改派: a reason is required; the picker shows load and distance and greys out who is at their limit', async () => {
  actAs('secretary');
  routes({ 'dispatch.candidates': candidates, 'dispatch.recall': { wish: { ...stalled.wish, status: 'assigned' } } });
  render(<BoardPage />);
  fireEvent.click(await screen.findByText('已认领 3'));
  fireEvent.click(within(await screen.findByLabelText('心愿：楼道灯不亮了')).getByText('收回'));

  fireEvent.click(screen.getByText('确认收回'));
  expect(await screen.findByText('请填写收回的原因，张晓东会看到它')).toBeInTheDocument();
  expect(callsTo(callMock, 'dispatch', 'recall')).toHaveLength(0);

  fireEvent.input(screen.getByLabelText('收回原因'), { target: { value: '认领一天多了还没有上门' } });
  fireEvent.click(screen.getByText('改派党员/志愿者'));
  expect(await screen.findByText('党员 · 手上 1/5 件 · 300米')).toBeInTheDocument();
  const full = screen.getByText('刘佳').closest('[role="radio"]')!;
  expect(full).toHaveAttribute('aria-disabled', 'true');
  expect(within(full as HTMLElement).getByText('刘佳手上已有 5 个未完成的心愿（上限 5 个），请改派他人')).toBeInTheDocument();
  fireEvent.click(screen.getByText('刘佳'));
  expect(screen.getByText('请选择改派对象')).toBeInTheDocument();

  fireEvent.click(screen.getByText('彭卫国'));
  fireEvent.click(screen.getByText('收回并派给 彭卫国'));
  await waitFor(() => expect(callsTo(callMock, 'dispatch', 'recall')).toHaveLength(1));
  expect(callsTo(callMock, 'dispatch', 'recall')[0][2]).toEqual({ wishId: 'w1', reason: '认领一天多了还没有上门', assignTo: { kind: 'user', id: 'p1' } });
  expect(await screen.findByRole('status')).toHaveTextContent('已收回「楼道灯不亮了」并重新派单');
});

test('when the helper started first, the row says so instead of failing', async () => {
  actAs('secretary');
  routes({
    'dispatch.recall': () => {
      throw new AppError('INVALID_TRANSITION', '心愿服务中，不能社区收回认领');
    },
    'wishes.detail': detailReply({ ...stalled.wish, status: 'in_progress' }, actors.secretary()),
  });
  render(<BoardPage />);
  fireEvent.click(await screen.findByText('已认领 3'));
  fireEvent.click(within(await screen.findByLabelText('心愿：楼道灯不亮了')).getByText('收回'));
  fireEvent.input(screen.getByLabelText('收回原因'), { target: { value: '一直没有上门' } });
  fireEvent.click(screen.getByText('确认收回'));
  expect(await screen.findByText('该心愿已被其他人处理，当前状态：服务中')).toBeInTheDocument();
  expect(screen.queryByText('收回')).not.toBeInTheDocument();
});

test('the town reads every community of the town, and takes nothing back', async () => {
  actAs('town_admin');
  routes();
  render(<BoardPage />);
  fireEvent.click(await screen.findByText('已认领 3'));
  expect(await screen.findByText('楼道灯不亮了')).toBeInTheDocument();
  expect(screen.queryByText('收回')).not.toBeInTheDocument();
  fireEvent.click(await screen.findByText('花园街社区'));
  await waitFor(() => expect(callsTo(callMock, 'dispatch', 'board').at(-1)![2]).toEqual({ status: 'claimed', communityId: 'c3' }));
});

test('加载更多 adds the next page under the same tab, once each, and keeps the counts; a failed page says so and keeps the rows', async () => {
  actAs('secretary');
  let down = true;
  routes({
    'dispatch.board': (d: Record<string, unknown>) => {
      if (d.status !== 'claimed') return { items: [], counts, at: new Date().toISOString() };
      if (!d.cursor) return { items: [stalled], counts, nextCursor: 'next-1', at: new Date().toISOString() };
      if (down) throw new AppError('INTERNAL', '');
      // The first page's row again (it moved while paging) and one new one.
      return { items: [stalled, working], counts: { ...counts, claimed: 0 }, nextCursor: null, at: new Date().toISOString() };
    },
  });
  render(<BoardPage />);
  fireEvent.click(await screen.findByText('已认领 3'));
  expect(await screen.findByText('楼道灯不亮了')).toBeInTheDocument();
  expect(screen.queryByText('帮忙换灯泡')).not.toBeInTheDocument();

  fireEvent.click(screen.getByText('加载更多'));
  expect(await screen.findByText(/^加载更多失败/)).toBeInTheDocument();
  expect(screen.getByText('楼道灯不亮了')).toBeInTheDocument();

  down = false;
  fireEvent.click(screen.getByText('加载更多'));
  expect(await screen.findByText('帮忙换灯泡')).toBeInTheDocument();
  expect(screen.getAllByText('楼道灯不亮了')).toHaveLength(1);
  expect(screen.getByText('已认领 3')).toBeInTheDocument();
  expect(screen.queryByText('加载更多')).not.toBeInTheDocument();
  expect(callsTo(callMock, 'dispatch', 'board').at(-1)![2]).toEqual({ status: 'claimed', cursor: 'next-1' });
});
