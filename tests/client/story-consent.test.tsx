import { fireEvent, render, screen } from '@testing-library/react';
import WishPage from '../../client/src/pages/wish/index';
import { taroMock } from './__mocks__/taro';
import { actors, detailReply } from './support/detail';
import { fakeServer, wishFixture } from './support/fakeServer';

/** 微故事 on the resident's wish page: the story exactly as it would be shown, and their answer. */
const story = (over: Record<string, unknown> = {}) => ({
  id: 's1', wishId: 'w1', title: '厨房水龙头漏水请帮忙维修', category: 'repair', categoryLabel: '维修', note: '志愿者小张带着工具上门，半小时就换好了阀芯。',
  beforePhotos: [], afterPhotos: [], thanks: '修好了，很及时', residentName: '杨**', helpers: ['张**'], draftedAt: '2026-11-25T10:00:00+08:00',
  status: 'awaiting_consent', statusLabel: '待居民同意', ...over,
});

function serve(status: string, first: Record<string, unknown>) {
  let current = story(first);
  const server = fakeServer({
    'wishes.detail': () => ({ ...detailReply(wishFixture({ status, category: 'repair', title: '厨房水龙头漏水请帮忙维修' }), actors.resident()), relations: ['owner'] }),
    'stories.ofWish': () => ({ story: current }),
    'stories.consent': (data) => {
      current = story(data.consent ? { status: 'consented', statusLabel: '居民已同意，待发布' } : { status: 'withdrawn', statusLabel: '居民已撤回同意' });
      return { story: current };
    },
  });
  return server;
}

beforeEach(() => {
  taroMock.storage.set('xy.token', 'token-res');
  taroMock.storage.set('xy.session', { user: { id: 'u-res', name: '杨建国', memberships: [{ communityId: 'c1', roles: ['resident'] }] }, activeRole: 'resident' });
  taroMock.routerParams = { id: 'w1' };
});

test('the resident reads the story the community wrote and consents; the button becomes "take back"', async () => {
  const server = serve('confirmed', {});
  render(<WishPage />);
  expect(await screen.findByText('社区想把您的心愿写成微故事')).toBeInTheDocument();
  expect(screen.getByText('志愿者小张带着工具上门，半小时就换好了阀芯。')).toBeInTheDocument();
  expect(screen.getByText('居民说：“修好了，很及时”')).toBeInTheDocument();
  expect(screen.getByRole('button', { name: '不同意' })).toBeInTheDocument();

  fireEvent.click(screen.getByRole('button', { name: '同意发布' }));
  await screen.findByText('状态：居民已同意，待发布');
  const consent = server.calls.find((c) => c.route === 'stories.consent')!;
  expect(consent.data).toEqual({ storyId: 's1', consent: true });
  expect(consent.requestId).toEqual(expect.any(String));
  expect(screen.queryByRole('button', { name: '同意发布' })).not.toBeInTheDocument();
  expect(screen.getByRole('button', { name: '撤回同意' })).toBeInTheDocument();
});

test('taking back consent for a published story is asked first; kept when the resident thinks again', async () => {
  const server = serve('confirmed', { status: 'published', statusLabel: '已发布', publishedAt: '2026-11-26T10:00:00+08:00' });
  render(<WishPage />);
  taroMock.modalAnswer = false;
  fireEvent.click(await screen.findByRole('button', { name: '撤回同意' }));
  await new Promise((r) => setTimeout(r, 20));
  expect(server.calls.map((c) => c.route)).not.toContain('stories.consent');
  expect(screen.getByText('状态：已发布')).toBeInTheDocument();

  // Asked again and confirmed: withdrawn.
  taroMock.modalAnswer = true;
  fireEvent.click(screen.getByRole('button', { name: '撤回同意' }));
  await screen.findByText('状态：居民已撤回同意');
  expect(server.calls.find((c) => c.route === 'stories.consent')!.data).toEqual({ storyId: 's1', consent: false });
  expect(screen.getByRole('button', { name: '同意发布' })).toBeInTheDocument();
});

test('a wish not yet confirmed has no story and asks for none', async () => {
  const server = serve('done', {});
  render(<WishPage />);
  await screen.findByText('厨房水龙头漏水请帮忙维修');
  expect(screen.queryByText('社区想把您的心愿写成微故事')).not.toBeInTheDocument();
  expect(server.calls.map((c) => c.route)).not.toContain('stories.ofWish');
});
