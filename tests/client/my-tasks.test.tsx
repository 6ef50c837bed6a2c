import { render, screen } from '@testing-library/react';
import MyTasksPage from '../../client/src/packages/helper/pages/mine/index';
import { taroMock } from './__mocks__/taro';
import { fakeServer, wishFixture } from './support/fakeServer';

/** Issue 16 #1, in 我的任务: a place I hold on a wish still open to others is tagged as mine (已认领 / 服务中), not 待认领. */
beforeEach(() => {
  taroMock.storage.set('xy.token', 'token-vol');
  taroMock.storage.set('xy.session', { user: { id: 'u-vol', name: '张晓东', memberships: [{ communityId: 'c1', roles: ['volunteer'] }] }, activeRole: 'volunteer' });
});

test('each task is tagged with where my own place stands', async () => {
  const place = (over: Record<string, unknown> = {}) => ({ claimerId: 'u-vol', kind: 'user', assigneeId: 'u-vol', slots: 1, leaseUntil: '2026-11-21T08:00:00+08:00', ...over });
  fakeServer({
    'tasks.mine': () => ({
      items: [
        wishFixture({ id: 'w1', title: '帮忙搬书柜', status: 'open', helpersNeeded: 2, claims: [place()] }),
        wishFixture({ id: 'w2', title: '帮忙抬钢琴', status: 'open', helpersNeeded: 3, claims: [place({ startedAt: '2026-11-20T09:00:00+08:00' })] }),
      ],
    }),
  });
  render(<MyTasksPage />);
  await screen.findByText('帮忙搬书柜');
  const tags = Array.from(document.querySelectorAll('.tag')).map((t) => t.textContent);
  expect(tags).toEqual(['已认领', '服务中']);
});

test('each task shows its wish’s number (心愿编号), the one the resident and the community say on the phone', async () => {
  fakeServer({
    'tasks.mine': () => ({
      items: [wishFixture({ id: 'w1', number: 'TY-2026-0031', title: '帮忙搬书柜', status: 'claimed' }), wishFixture({ id: 'w2', title: '帮忙抬钢琴', status: 'claimed' })],
    }),
  });
  render(<MyTasksPage />);
  await screen.findByText('帮忙搬书柜');
  expect(screen.getAllByText(/^编号 /).map((n) => n.textContent)).toEqual(['编号 TY-2026-0031']);
});
