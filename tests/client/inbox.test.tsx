import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import InboxPage from '../../client/src/pages/inbox/index';
import { taroMock } from './__mocks__/taro';
import { fakeServer } from './support/fakeServer';

/** The resident's inbox: each message the sentence the server says, in the server's order (newest first), unread ones marked. */
const item = (id: string, over: Record<string, unknown>) => ({ id, userId: 'u-res', communityId: 'c1', template: 'wish_claimed', title: '心愿已被认领', read: true, createdAt: '2026-12-06T10:00:00+08:00', ...over });

test('reads as sentences, newest first, the unread one marked and opening its wish', async () => {
  taroMock.storage.set('xy.token', 'token-res');
  taroMock.storage.set('xy.session', { user: { id: 'u-res', name: '胡秀兰', memberships: [{ communityId: 'c1', roles: ['resident'] }] }, activeRole: 'resident' });
  const server = fakeServer({
    'notify.inbox': () => ({
      items: [
        item('m2', { body: '张晓东认领了您的心愿「修水龙头」，会尽快联系您。', read: false, wishId: 'w1', createdAt: '2026-12-06T11:00:00+08:00' }),
        item('m1', { template: 'wish_approved', title: '心愿审核通过', body: '您的心愿「修水龙头」通过了审核，附近的志愿者现在能看到它了。' }),
      ],
      unread: 1,
    }),
    'notify.read': () => ({ updated: 1 }),
  });
  render(<InboxPage />);
  const messages = await screen.findAllByRole('button', { name: /心愿「/ });
  expect(messages.map((m) => m.getAttribute('aria-label'))).toEqual(['未读：张晓东认领了您的心愿「修水龙头」，会尽快联系您。', '您的心愿「修水龙头」通过了审核，附近的志愿者现在能看到它了。']);
  expect(screen.getByText('消息（1 条未读）')).toBeInTheDocument();
  fireEvent.click(messages[0]);
  await waitFor(() => expect(server.calls.find((c) => c.route === 'notify.read')?.data).toEqual({ ids: ['m2'] }));
  expect(taroMock.navigations.at(-1)?.url).toContain('w1');
});

test('a message about an activity opens that activity, the page its WeChat message opens', async () => {
  taroMock.storage.set('xy.token', 'token-vol');
  taroMock.storage.set('xy.session', { user: { id: 'u-vol', name: '张晓东', memberships: [{ communityId: 'c1', roles: ['volunteer'] }] }, activeRole: 'volunteer' });
  fakeServer({
    'notify.inbox': () => ({
      items: [item('m3', { template: 'activity_cancelled', title: '活动已取消', body: '您报名的活动「汉江堤岸捡拾垃圾」取消了，原因是：暴雨预警，改期举行。不用再去了。', page: 'packages/helper/pages/activity/index?id=a7' })],
      unread: 0,
    }),
    'notify.read': () => ({ updated: 1 }),
  });
  render(<InboxPage />);
  fireEvent.click(await screen.findByRole('button', { name: /汉江堤岸捡拾垃圾/ }));
  await waitFor(() => expect(taroMock.navigations.at(-1)?.url).toBe('/packages/helper/pages/activity/index?id=a7'));
});
