import { render, screen } from '@testing-library/react';
import WallPage from '../../client/src/pages/wall/index';
import { fakeServer } from './support/fakeServer';

/** 心愿墙: each realised wish with its number, state, who helped (masked by the server) and the rating. */
test('a wall card shows the wish’s number, the state, the helpers and the rating', async () => {
  fakeServer({
    'stats.wall': () => ({
      community: { id: 'c1', name: '桃源社区' },
      items: [
        {
          id: 'w1', number: 'TY-2026-0042', title: '独居老人希望有人陪聊天', category: 'companionship', categoryLabel: '陪伴', status: 'confirmed',
          residentName: '匿名居民', helpers: ['刘*'], stars: 5, comment: '小刘每周都来，很开心',
          createdAt: '2026-10-01T10:00:00+08:00', doneAt: '2026-10-20T10:00:00+08:00', confirmedAt: '2026-10-21T10:00:00+08:00',
        },
        { id: 'w2', title: '教老人用手机视频通话', category: 'policy', categoryLabel: '政策咨询', status: 'done', residentName: '李**', helpers: ['刘*', '张**'], createdAt: '2026-11-01T10:00:00+08:00', doneAt: '2026-11-02T10:00:00+08:00' },
      ],
    }),
  });
  render(<WallPage />);

  expect(await screen.findByText('独居老人希望有人陪聊天')).toBeInTheDocument();
  expect(screen.getByText('帮助者：刘*')).toBeInTheDocument();
  expect(screen.getByText('帮助者：刘*、张**')).toBeInTheDocument();
  expect(screen.getByLabelText('评分 5 星')).toHaveTextContent('★★★★★');
  expect(screen.getByText('已确认')).toBeInTheDocument();
  expect(screen.getByText('已完成')).toBeInTheDocument();
  // The number of each wish that has one (w2 is from before numbers).
  expect(screen.getAllByText(/^编号 /).map((n) => n.textContent)).toEqual(['编号 TY-2026-0042']);
});
