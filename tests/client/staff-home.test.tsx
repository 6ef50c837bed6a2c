import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { AppError } from '@shared/errors';
import { call } from '../../client/src/services/api';
import { setElderMode } from '../../client/src/services/elder';
import StaffHomePage from '../../client/src/packages/staff/pages/index/index';
import { taroMock } from './__mocks__/taro';
import { actAs, callsTo, routeCalls } from './staff-helpers';

jest.mock('../../client/src/services/api', () => ({ call: jest.fn(), httpJson: jest.fn(), apiUrl: (p: string) => p }));
const callMock = call as jest.Mock;

beforeEach(() => callMock.mockReset());

test('a secretary sees every desk, with the waiting work counted', async () => {
  actAs('secretary');
  routeCalls(callMock, {
    'dispatch.queue': { items: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] },
    'dispatch.escalations': { items: [{ id: 'd' }] },
  });
  render(<StaffHomePage />);

  expect(await screen.findByText('3')).toBeInTheDocument();
  expect(screen.getByText('1')).toBeInTheDocument();
  for (const title of ['审核派单', '代录心愿', '超时预警', '数据看板', '组织管理']) expect(screen.getByText(title)).toBeInTheDocument();

  fireEvent.click(screen.getByText('审核派单'));
  expect(taroMock.navigations.at(-1)).toEqual({ kind: 'navigateTo', url: '/packages/staff/pages/review/index' });
});

test('a grid worker sees only what a grid worker does', async () => {
  actAs('grid_worker');
  routeCalls(callMock, { 'dispatch.queue': { items: [] } });
  render(<StaffHomePage />);

  expect(screen.getByText('当前身份：网格员')).toBeInTheDocument();
  expect(screen.getByText('审核派单')).toBeInTheDocument();
  expect(screen.getByText('代录心愿')).toBeInTheDocument();
  expect(screen.queryByText('数据看板')).not.toBeInTheDocument();
  expect(screen.queryByText('组织管理')).not.toBeInTheDocument();
  await screen.findByText('审核派单');
});

test('staff open a wish by the number a resident reads out on the phone, typed as heard', async () => {
  actAs('secretary');
  routeCalls(callMock, {
    'dispatch.queue': { items: [] },
    'dispatch.escalations': { items: [] },
    'dispatch.lookup': ({ number }: { number: string }) => {
      if (number.trim().toLowerCase() !== 'ty 2026 42') throw new AppError('NOT_FOUND', `没有找到编号为 ${number} 的心愿`);
      return { wish: { id: 'w42', number: 'TY-2026-0042' } };
    },
  });
  render(<StaffHomePage />);
  await screen.findByText('按编号查找心愿');

  // Not a number at all: said at once, without asking the server.
  fireEvent.input(screen.getByLabelText('心愿编号'), { target: { value: '桃源42' } });
  fireEvent.click(screen.getByText('查找'));
  expect(await screen.findByRole('alert')).toHaveTextContent('心愿编号格式如 TY-2026-0123');
  expect(callsTo(callMock, 'dispatch', 'lookup')).toEqual([]);

  fireEvent.input(screen.getByLabelText('心愿编号'), { target: { value: 'ty 2026 42' } });
  fireEvent.click(screen.getByText('查找'));
  await waitFor(() => expect(taroMock.navigations.at(-1)).toEqual({ kind: 'navigateTo', url: '/pages/wish/index?id=w42' }));
});

test('长辈模式 reaches the staff screens: the workbench is drawn inside the elder wrapper, and leaves it when turned off', async () => {
  actAs('secretary');
  routeCalls(callMock, { 'dispatch.queue': { items: [] }, 'dispatch.escalations': { items: [] } });
  setElderMode(true);
  const { container, unmount } = render(<StaffHomePage />);
  await screen.findByText('审核派单');
  expect(container.querySelector('.staff-elder .staff-page')).not.toBeNull();
  act(() => setElderMode(false));
  expect(container.querySelector('.staff-elder')).toBeNull();
  expect(container.querySelector('.staff-root .staff-page')).not.toBeNull();
  unmount();
});
