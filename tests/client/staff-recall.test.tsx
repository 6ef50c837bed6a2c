/**
 * 收回 from the wish's own page: staff who reach a stalled wish from 消息, 超时预警 or the map take it back there, as
 * on 全部心愿. The button is the server's (`actions` offers recall); the page is the board's panel for one wish.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { AppError } from '@shared/errors';
import { call } from '../../client/src/services/api';
import RecallPage from '../../client/src/packages/staff/pages/recall/index';
import { actAs, callsTo, routeCalls } from './staff-helpers';
import { actors, detailReply } from './support/detail';
import { taroMock } from './__mocks__/taro';

jest.mock('../../client/src/services/api', () => ({ call: jest.fn(), httpJson: jest.fn(), apiUrl: (p: string) => p }));
const callMock = call as jest.Mock;

const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
const held = { id: 'w1', title: '楼道灯不亮了', status: 'claimed', createdAt: hoursAgo(50), claimedAt: hoursAgo(30), claims: [{ claimerId: 'v1', assigneeId: 'v1', claimedAt: hoursAgo(30) }] };
const detail = (wish: Record<string, unknown>) => ({ ...detailReply(wish, actors.secretary('u-staff')), people: { v1: '张晓东' } });

beforeEach(() => {
  callMock.mockReset();
  actAs('secretary');
  taroMock.routerParams = { id: 'w1' };
});

test('a reason, then back to the pool: the recall is sent once with its requestId and the wish page is shown again', async () => {
  routeCalls(callMock, { 'wishes.detail': detail(held), 'dispatch.recall': { wish: { ...held, status: 'open', claims: [] } } });
  render(<RecallPage />);
  expect(await screen.findByText('已认领 · 张晓东')).toBeInTheDocument();
  fireEvent.click(screen.getByText('确认收回'));
  expect(await screen.findByText('请填写收回的原因，张晓东会看到它')).toBeInTheDocument();
  fireEvent.input(screen.getByLabelText('收回原因'), { target: { value: '认领一天多了还没有上门' }, detail: { value: '认领一天多了还没有上门' } });
  fireEvent.click(screen.getByText('确认收回'));
  await waitFor(() => expect(callsTo(callMock, 'dispatch', 'recall')).toHaveLength(1));
  expect(callsTo(callMock, 'dispatch', 'recall')[0][2]).toEqual({ wishId: 'w1', reason: '认领一天多了还没有上门' });
  expect(callsTo(callMock, 'dispatch', 'recall')[0][3]).toMatchObject({ requestId: expect.any(String) });
  await waitFor(() => expect(taroMock.toasts).toContain('已收回，退回心愿池'));
});

test('the volunteer started first: the page says what the wish is now, and offers no 收回', async () => {
  let wish: Record<string, unknown> = held;
  routeCalls(callMock, {
    'wishes.detail': () => detail(wish),
    'dispatch.recall': () => {
      wish = { ...held, status: 'in_progress', claims: [{ claimerId: 'v1', claimedAt: hoursAgo(30), startedAt: hoursAgo(0) }] };
      throw new AppError('INVALID_TRANSITION', '心愿服务中，不能社区收回认领');
    },
  });
  render(<RecallPage />);
  fireEvent.input(await screen.findByLabelText('收回原因'), { target: { value: '一直没有上门' }, detail: { value: '一直没有上门' } });
  fireEvent.click(screen.getByText('确认收回'));
  expect(await screen.findByText('该心愿刚被其他人处理，当前状态：服务中')).toBeInTheDocument();
  expect(screen.queryByText('确认收回')).not.toBeInTheDocument();
  expect(screen.getByText(/现在不能收回/)).toBeInTheDocument();
});
