import { render, screen } from '@testing-library/react';
import StoryPage from '../../client/src/pages/story/index';
import WallPage from '../../client/src/pages/wall/index';
import { taroMock } from './__mocks__/taro';
import { fakeServer } from './support/fakeServer';

const card = {
  id: 's1', title: '厨房水龙头漏水请帮忙维修', category: 'repair', categoryLabel: '维修', note: '志愿者小张带着工具上门，半小时就换好了阀芯。',
  beforePhotos: [`/files/${'a'.repeat(64)}.jpg`], afterPhotos: [`/files/${'b'.repeat(64)}.jpg`], thanks: '修好了，很及时', residentName: '匿名居民', helpers: ['张**'],
  publishedAt: '2026-11-26T10:00:00+08:00',
};

test('the wall opens with the stories, then the fulfilled wishes', async () => {
  fakeServer({
    'stats.wall': () => ({
      community: { id: 'c1', name: '桃源社区' },
      stories: [card],
      items: [{ id: 'w2', title: '教老人用手机视频通话', category: 'policy', categoryLabel: '政策咨询', status: 'done', residentName: '李**', helpers: ['刘*'], createdAt: '2026-11-01T10:00:00+08:00', doneAt: '2026-11-02T10:00:00+08:00' }],
    }),
  });
  render(<WallPage />);
  const story = await screen.findByLabelText('微故事：厨房水龙头漏水请帮忙维修');
  const wish = screen.getByText('教老人用手机视频通话');
  // The story comes first in the page.
  expect(story.compareDocumentPosition(wish) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  expect(screen.getByText('居民说：“修好了，很及时”')).toBeInTheDocument();
});

test('a shared story opens without signing in, and is forwarded with its title and its "after" picture', async () => {
  taroMock.routerParams = { id: 's1' };
  const server = fakeServer({ 'stories.detail': () => ({ story: card, community: { id: 'c1', name: '桃源社区' } }) });
  render(<StoryPage />);
  expect(await screen.findByText('志愿者小张带着工具上门，半小时就换好了阀芯。')).toBeInTheDocument();
  expect(screen.getByText(/匿名居民/)).toBeInTheDocument();
  expect(server.calls[0]).toMatchObject({ route: 'stories.detail', data: { storyId: 's1' } });
  const share = taroMock.share!();
  expect(share.title).toBe('桃源社区·微故事：厨房水龙头漏水请帮忙维修');
  expect(share.path).toBe('/pages/story/index?id=s1');
  expect(share.imageUrl).toMatch(new RegExp(`/files/${'b'.repeat(64)}\\.jpg$`));
  expect(screen.getByRole('button', { name: '分享到微信群' })).toBeInTheDocument();
});
