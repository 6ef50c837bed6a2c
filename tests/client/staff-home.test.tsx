import { fireEvent, render, screen } from '@testing-library/react';
import { call } from '../../client/src/services/api';
import StaffHomePage from '../../client/src/packages/staff/pages/index/index';
import { taroMock } from './__mocks__/taro';
import { actAs, routeCalls } from './staff-helpers';

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
