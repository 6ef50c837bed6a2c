import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { AppError } from '@shared/errors';
import { StoreShelf } from '../../client/src/features/points/StoreShelf';
import PointsPage from '../../client/src/packages/helper/pages/points/index';
import { taroMock } from './__mocks__/taro';
import { fakeServer } from './support/fakeServer';

const oil = { id: 'item-oil', name: '食用油', description: '5 升装', cost: 40, stock: 3, active: true };
const rice = { id: 'item-rice', name: '大米', cost: 80, stock: 2, active: true };
const towel = { id: 'item-towel', name: '毛巾', cost: 10, stock: 0, active: true };
const redemption = { id: 'red-1', code: 'ABCD2345', itemId: 'item-oil', itemName: '食用油', cost: 40, status: 'pending', createdAt: '2026-12-06T10:00:00+08:00' } as const;

test('兑换 asks once more, naming the points, before anything is sent; confirmed, it is sent once', async () => {
  const redeem = jest.fn().mockResolvedValue({ redemption, balance: 10 });
  const onRedeemed = jest.fn();
  render(<StoreShelf items={[oil]} balance={50} redeem={redeem} onRedeemed={onRedeemed} />);
  fireEvent.click(screen.getByLabelText('兑换食用油'));
  expect(screen.getByText('确认用 40 积分兑换「食用油」吗？兑换后剩余 10 积分。')).toBeInTheDocument();
  expect(redeem).not.toHaveBeenCalled();

  fireEvent.click(screen.getByText('确认兑换'));
  await waitFor(() => expect(onRedeemed).toHaveBeenCalledWith(redemption));
  expect(redeem).toHaveBeenCalledTimes(1);
  expect(redeem).toHaveBeenCalledWith('item-oil', expect.any(String));
});

test('再想想 sends nothing; an item out of reach says why instead of offering 兑换', () => {
  const redeem = jest.fn();
  render(<StoreShelf items={[oil, rice, towel]} balance={50} redeem={redeem} onRedeemed={() => undefined} />);
  expect(screen.getByLabelText('兑换大米')).toHaveTextContent('积分不足');
  expect(screen.getByLabelText('兑换大米')).toBeDisabled();
  expect(screen.getByLabelText('兑换毛巾')).toHaveTextContent('该物品已兑完');
  fireEvent.click(screen.getByLabelText('兑换食用油'));
  fireEvent.click(screen.getByText('再想想'));
  expect(screen.queryByText('确认兑换')).not.toBeInTheDocument();
  expect(redeem).not.toHaveBeenCalled();
});

test('a refusal (the last one went to someone else) is shown, and a retry of the same item reuses its requestId', async () => {
  const redeem = jest.fn().mockRejectedValueOnce(new AppError('CONFLICT', '该物品已兑完')).mockResolvedValueOnce({ redemption, balance: 10 });
  const onRedeemed = jest.fn();
  render(<StoreShelf items={[oil]} balance={50} redeem={redeem} onRedeemed={onRedeemed} />);
  fireEvent.click(screen.getByLabelText('兑换食用油'));
  fireEvent.click(screen.getByText('确认兑换'));
  expect(await screen.findByRole('alert')).toHaveTextContent('该物品已兑完');
  fireEvent.click(screen.getByText('确认兑换'));
  await waitFor(() => expect(onRedeemed).toHaveBeenCalled());
  expect(redeem.mock.calls[0][1]).toBe(redeem.mock.calls[1][1]);
});

test('the 积分 page: balance, my code to show at the desk, the shelf, and the ledger in sentences', async () => {
  taroMock.storage.set('xy.token', 'token-vol');
  taroMock.storage.set('xy.session', { user: { id: 'u-vol', name: '李志愿', memberships: [{ communityId: 'c1', roles: ['volunteer'] }] }, activeRole: 'volunteer' });
  let balance = 90;
  let redemptions: unknown[] = [];
  const server = fakeServer({
    'points.mine': () => ({
      balance,
      entries: [{ id: 'earn:w1:u-vol', kind: 'earn', amount: 90, at: '2026-12-05T10:00:00+08:00', text: '「修水管」经居民确认，服务 3 小时，获得 90 积分' }],
      redemptions,
    }),
    'points.catalogue': () => ({ items: [oil], balance }),
    'points.redeem': () => {
      balance = 50;
      redemptions = [redemption];
      return { redemption, balance };
    },
  });
  render(<PointsPage />);
  expect(await screen.findByText('90 积分')).toBeInTheDocument();
  expect(screen.getByText('「修水管」经居民确认，服务 3 小时，获得 90 积分')).toBeInTheDocument();

  fireEvent.click(screen.getByLabelText('兑换食用油'));
  fireEvent.click(screen.getByText('确认兑换'));
  expect(await screen.findByText('50 积分')).toBeInTheDocument();
  expect(screen.getByLabelText('兑换码')).toHaveTextContent('ABCD 2345');
  expect(screen.getByRole('img', { name: '兑换码二维码 ABCD2345' })).toBeInTheDocument();
  const redeemCall = server.calls.find((c) => c.route === 'points.redeem')!;
  expect(redeemCall.data).toEqual({ itemId: 'item-oil' });
  expect(redeemCall.requestId).toBeDefined();
});
