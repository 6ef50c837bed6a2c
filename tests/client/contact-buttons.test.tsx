import { fireEvent, render, screen, within } from '@testing-library/react';
import TaskPage from '../../client/src/packages/helper/pages/task/index';
import WishPage from '../../client/src/pages/wish/index';
import { taroMock } from './__mocks__/taro';
import { actors, detailReply } from './support/detail';
import { fakeServer, wishFixture } from './support/fakeServer';

/** Ringing each other: the resident rings the helper holding their wish, the helper rings the resident and finds the way. */

const HOME = { type: 'Point', coordinates: [110.1146, 32.8094] };

describe("the resident's wish names its helper with a call button", () => {
  beforeEach(() => {
    taroMock.storage.set('xy.token', 'token-res');
    taroMock.storage.set('xy.session', { user: { id: 'u-res', name: '张阿姨', memberships: [{ communityId: 'c1', roles: ['resident'] }] }, activeRole: 'resident' });
    taroMock.routerParams = { id: 'w1' };
  });

  test('拨打电话 beside the helper rings the number the server gave for them', async () => {
    const wish = wishFixture({ status: 'claimed', claims: [{ claimerId: 'u-vol' }] });
    fakeServer({ 'wishes.detail': () => detailReply(wish, actors.resident(), { people: { 'u-vol': '李志愿' }, phones: { 'u-vol': '13900001111' } }) });
    render(<WishPage />);
    expect(await screen.findByText('李志愿')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: '拨打李志愿的电话' }));
    expect(taroMock.phoneCalls).toEqual(['13900001111']);
  });

  test('two helpers are two rows; one the server gave no phone for has no button', async () => {
    const wish = wishFixture({ status: 'open', helpersNeeded: 3, claims: [{ claimerId: 'u-a' }, { claimerId: 'u-b' }] });
    fakeServer({ 'wishes.detail': () => detailReply(wish, actors.resident(), { people: { 'u-a': '李志愿', 'u-b': '王党员' }, phones: { 'u-a': '13900001111' } }) });
    render(<WishPage />);
    expect(await screen.findByText('王党员')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '拨打李志愿的电话' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '拨打王党员的电话' })).not.toBeInTheDocument();
  });
});

describe('the helper holding a wish can ring the resident and navigate there', () => {
  beforeEach(() => {
    taroMock.storage.set('xy.token', 'token-vol');
    taroMock.storage.set('xy.session', { user: { id: 'u-vol', name: '李志愿', memberships: [{ communityId: 'c1', roles: ['volunteer'] }] }, activeRole: 'volunteer' });
    taroMock.routerParams = { id: 'w1' };
  });

  const claimed = (over: Record<string, unknown> = {}) =>
    wishFixture({
      status: 'claimed', contactVisible: true, contactPhone: '13812345678', address: '幸福小区3栋2单元501', ownerName: '张阿姨', location: HOME,
      claims: [{ claimerId: 'u-vol', leaseUntil: new Date(Date.now() + 3600000).toISOString() }], ...over,
    });

  test('联系居民: 拨打电话 rings the full number, 导航 opens the map at the home', async () => {
    fakeServer({ 'wishes.detail': () => detailReply(claimed(), actors.volunteer()) });
    const open = jest.spyOn(window, 'open').mockImplementation(() => null);
    render(<TaskPage />);
    const card = (await screen.findByText('联系居民')).parentElement!;
    expect(within(card).getByText('张阿姨')).toBeInTheDocument();
    fireEvent.click(within(card).getByRole('button', { name: '拨打张阿姨的电话' }));
    expect(taroMock.phoneCalls).toEqual(['13812345678']);
    fireEvent.click(within(card).getByRole('button', { name: '导航到幸福小区3栋2单元501' }));
    // In a browser (these tests run as h5): Tencent Maps' marker page, at the stored gcj02 point.
    expect(open).toHaveBeenCalledTimes(1);
    const url = decodeURIComponent(String(open.mock.calls[0][0]));
    expect(url).toContain('coord:32.8094,110.1146');
    expect(url).toContain('addr:幸福小区3栋2单元501');
    open.mockRestore();
  });

  test('before claiming there is nobody to ring: the contact is masked and no buttons show', async () => {
    fakeServer({ 'wishes.detail': () => detailReply(wishFixture({ status: 'open' }), actors.volunteer()) });
    render(<TaskPage />);
    expect(await screen.findByText('138****5678')).toBeInTheDocument();
    expect(screen.queryByText('联系居民')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /拨打/ })).not.toBeInTheDocument();
  });
});
