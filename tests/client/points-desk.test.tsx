import { fireEvent, render, screen } from '@testing-library/react';
import { AppError } from '@shared/errors';
import { DeskPanel } from '../../client/src/packages/staff/pages/store/DeskPanel';
import { taroMock } from './__mocks__/taro';
import { fakeServer } from './support/fakeServer';

const pending = { id: 'red-1', code: 'ABCD2345', itemId: 'item-oil', itemName: '食用油', cost: 40, status: 'pending', createdAt: '2026-12-06T10:00:00+08:00', holderName: '李志愿' };

beforeEach(() => {
  taroMock.storage.set('xy.token', 'token-sec');
  taroMock.storage.set('xy.session', { user: { id: 'u-sec', name: '王书记', memberships: [{ communityId: 'c1', roles: ['secretary'] }] }, activeRole: 'secretary' });
});

test('the desk types a code, sees what it is for and whose, and hands it over once', async () => {
  let used = false;
  const server = fakeServer({
    'points.lookup': () => ({ redemption: used ? { ...pending, status: 'fulfilled' } : pending }),
    'points.fulfil': () => {
      if (used) throw new AppError('CONFLICT', '该兑换码已核销，不能重复领取');
      used = true;
      return { redemption: { ...pending, status: 'fulfilled', fulfilledAt: '2026-12-06T11:00:00+08:00' } };
    },
  });
  render(<DeskPanel />);
  fireEvent.click(screen.getByText('查询'));
  expect(await screen.findByRole('alert')).toHaveTextContent('请输入兑换码');
  expect(server.calls).toEqual([]);

  fireEvent.input(screen.getByLabelText('兑换码'), { target: { value: 'abcd-2345' } });
  fireEvent.click(screen.getByText('查询'));
  expect(await screen.findByText('食用油')).toBeInTheDocument();
  expect(screen.getByText(/兑换人：李志愿/)).toBeInTheDocument();
  fireEvent.click(screen.getByText('确认发放'));
  expect(await screen.findByRole('status')).toHaveTextContent('已核销：请将「食用油」交给李志愿');
  expect(screen.queryByText('确认发放')).not.toBeInTheDocument();
  expect(server.calls.map((c) => c.route)).toEqual(['points.lookup', 'points.fulfil']);
  expect(server.calls[1].data).toEqual({ code: 'ABCD2345' });
});
