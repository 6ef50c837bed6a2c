import { fireEvent, render, screen } from '@testing-library/react';
import Login from '../../client/src/pages/login/index';
import { fakeServer } from './support/fakeServer';

/** As the server sends them: in the seed's order, with the seed's words for each (someone added since has none). */
const PEOPLE = [
  { as: 'resident', name: '胡秀兰', roles: ['resident'], title: '居民', does: '发布心愿，跟进进度，确认完成并评价' },
  { as: 'elder', name: '李桂英', roles: ['resident'], title: '独居老人', does: '心愿由网格员代录，登录后在自己的账号里也能看到' },
  { as: 'volunteer', name: '张晓东', roles: ['resident', 'volunteer'], title: '志愿者', does: '在任务大厅认领附近的心愿，上门服务并反馈' },
  { as: 'newcomer', name: '王建华', roles: ['volunteer'] },
];

test('the demo login buttons carry the seeded people’s own names, and each logs in as that person', async () => {
  const server = fakeServer({}, {
    'auth/dev-users': () => ({ items: PEOPLE }),
    'auth/dev-login': (d) => {
      const p = PEOPLE.find((x) => x.as === d.as)!;
      return { token: `t-${p.as}`, user: { id: `u-${p.as}`, name: p.name, memberships: [{ communityId: 'c1', roles: p.roles }] } };
    },
  });
  render(<Login />);

  const resident = await screen.findByRole('button', { name: '居民 · 胡秀兰' });
  expect(screen.queryByText(/张阿姨/)).toBeNull();
  const labels = screen.getAllByRole('button').map((b) => b.textContent);
  expect(labels).toEqual(['居民 · 胡秀兰', '独居老人 · 李桂英', '志愿者 · 张晓东', '志愿者 · 王建华']);
  // Each says what to try as them.
  // Each says, under the button, what to try as them.
  expect(resident.parentElement).toHaveTextContent('发布心愿，跟进进度，确认完成并评价');
  expect(screen.getByRole('button', { name: '独居老人 · 李桂英' }).parentElement).toHaveTextContent('心愿由网格员代录');

  fireEvent.click(resident);
  await screen.findByRole('button', { name: '居民 · 胡秀兰' });
  expect(server.calls.find((c) => c.route === 'auth/dev-login')?.data).toEqual({ as: 'resident' });
});
