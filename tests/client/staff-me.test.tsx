import { fireEvent, render, screen, within } from '@testing-library/react';
import MePage from '../../client/src/pages/me/index';
import { taroMock } from './__mocks__/taro';
import { actAs } from './staff-helpers';

test('a secretary’s 我的 carries the staff tabs (工作台, 消息, 我的), not the resident’s 我的心愿', () => {
  actAs('secretary');
  taroMock.storage.set('xy.token', 'token-staff');
  render(<MePage />);

  const nav = screen.getByRole('navigation');
  expect(within(nav).queryByText('我的心愿')).not.toBeInTheDocument();
  expect(within(nav).queryByText('心愿墙')).not.toBeInTheDocument();
  expect(within(nav).getAllByText(/工作台|消息|我的/).map((n) => n.textContent)).toEqual(['工作台', '消息', '我的']);

  fireEvent.click(within(nav).getByText('工作台'));
  expect(taroMock.navigations.at(-1)).toEqual({ kind: 'redirectTo', url: '/packages/staff/pages/index/index' });
});

test.each(['grid_worker', 'town_admin'] as const)('a %s gets the same staff tabs', (role) => {
  actAs(role);
  render(<MePage />);
  expect(within(screen.getByRole('navigation')).getByText('工作台')).toBeInTheDocument();
});
