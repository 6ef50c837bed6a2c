import { fireEvent, render, screen } from '@testing-library/react';
import Login from '../../client/src/pages/login/index';
import { fakeServer } from './support/fakeServer';

const PEOPLE = [
  { as: 'volunteer', name: '张晓东', roles: ['volunteer'] },
  { as: 'resident', name: '胡秀兰', roles: ['resident'] },
  { as: 'resident2', name: '王建华', roles: ['resident'] },
  { as: 'elder', name: '李桂英', roles: ['resident'] },
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
  expect(labels).toEqual(['居民 · 胡秀兰', '独居老人 · 李桂英', '志愿者 · 张晓东', '居民 · 王建华']);

  fireEvent.click(resident);
  await screen.findByRole('button', { name: '居民 · 胡秀兰' });
  expect(server.calls.find((c) => c.route === 'auth/dev-login')?.data).toEqual({ as: 'resident' });
});
