import { render, screen } from '@testing-library/react';
import ResidentHome from '../../client/src/pages/home/index';
import { WishCard } from '../../client/src/packages/staff/components/WishCard';
import { taroMock } from './__mocks__/taro';
import { fakeServer, wishFixture } from './support/fakeServer';

/** Issue 16 #14: 审核中 held 未通过 wishes, and a resubmitted wish showed the age of its first posting. */
beforeEach(() => {
  taroMock.storage.set('xy.token', 'token-res');
  taroMock.storage.set('xy.session', { user: { id: 'u-res', name: '胡秀兰', memberships: [{ communityId: 'c1', roles: ['resident'] }] }, activeRole: 'resident' });
});

test('a rejected wish is listed as 未通过 for the resident to act on, not among those under review', async () => {
  fakeServer({
    'wishes.mine': () => ({
      items: [
        wishFixture({ id: 'w1', title: '想办个生日会', status: 'rejected', rejectReason: '请写明需要什么帮助' }),
        wishFixture({ id: 'w2', title: '楼道灯不亮', status: 'pending_review' }),
      ],
    }),
  });
  render(<ResidentHome />);
  await screen.findByText('想办个生日会');
  expect(screen.getByText('未通过，待修改（1）')).toBeInTheDocument();
  expect(screen.getByText('审核中（1）')).toBeInTheDocument();
  const headings = screen.getAllByText(/（\d+）$/).map((h) => h.textContent);
  expect(headings).toEqual(['未通过，待修改（1）', '审核中（1）']);
});

test("staff see a resubmitted wish's age from its resubmission", () => {
  const now = Date.parse('2026-11-28T10:00:00+08:00');
  const wish = wishFixture({ status: 'pending_review', priority: 'normal', channel: 'miniprogram', createdAt: '2026-11-20T10:00:00+08:00', submittedAt: '2026-11-28T09:30:00+08:00' });
  render(<WishCard wish={wish as never} now={now} />);
  expect(screen.getByText('30分钟前')).toBeInTheDocument();
  expect(screen.queryByText('8天前')).not.toBeInTheDocument();
});

test('a wish family posted for me with their time-bank hours is in my list, saying who posted it; one I posted for family says for whom', async () => {
  fakeServer({
    'wishes.mine': () => ({
      items: [
        wishFixture({ id: 'w1', title: '陪我去医院复查', status: 'done', ownerId: 'u-son', ownerName: '张晓东', paidHours: 2, beneficiary: { userId: 'u-res', name: '胡秀兰' } }),
        wishFixture({ id: 'w2', title: '帮我妈修水管', status: 'open', ownerId: 'u-res', beneficiary: { userId: 'u-mum', name: '李桂英' } }),
      ],
    }),
  });
  render(<ResidentHome />);
  expect(await screen.findByText('张晓东为您发布，时间银行支付 2 小时')).toBeInTheDocument();
  expect(screen.getByText('为家人李桂英发布')).toBeInTheDocument();
  // Mine to confirm: it waits among 待我确认.
  expect(screen.getByText('待我确认（1）')).toBeInTheDocument();
});

test('each of my wishes shows its number (心愿编号), to say when I ring the community about it', async () => {
  fakeServer({
    'wishes.mine': () => ({ items: [wishFixture({ id: 'w1', number: 'TY-2026-0123', title: '楼道灯不亮', status: 'open' }), wishFixture({ id: 'w2', title: '想办个生日会', status: 'open' })] }),
  });
  render(<ResidentHome />);
  await screen.findByText('楼道灯不亮');
  expect(screen.getAllByText(/^编号 /).map((n) => n.textContent)).toEqual(['编号 TY-2026-0123']);
});
