import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import JoinPage from '../../client/src/pages/join/index';
import Login from '../../client/src/pages/login/index';
import { taroMock } from './__mocks__/taro';
import { fakeServer } from './support/fakeServer';

/**
 * A new member scans an invite's QR code on a phone that has never used the app: the join page opens with the code,
 * sends them to log in first, and brings them back to it with the code still there — not to an empty join page,
 * where someone without a community otherwise lands.
 */
test('scanned while signed out, an invite comes back with its code after login, for someone with no community yet', async () => {
  const server = fakeServer(
    { 'org.joinRequests': () => ({ items: [] }) },
    {
      'auth/dev-users': () => ({ items: [{ as: 'newcomer', name: '王新', roles: [], title: '新居民' }] }),
      'auth/dev-login': () => ({ token: 't-new', user: { id: 'u-new', name: '王新', memberships: [] } }),
    },
  );
  // The QR code's link as the browser opens it: the join page with the code (and the router's stamp).
  taroMock.routerParams = { code: 'K7MPQ2XA', stamp: '3' };
  taroMock.pages = [{ route: 'pages/join/index' }];
  render(<JoinPage />);
  await waitFor(() => expect(taroMock.navigations.at(-1)).toEqual({ kind: 'reLaunch', url: '/pages/login/index' }));
  cleanup();

  taroMock.navigations = [];
  taroMock.routerParams = {};
  taroMock.pages = [{ route: 'pages/login/index' }];
  render(<Login />);
  fireEvent.click(await screen.findByRole('button', { name: '新居民 · 王新' }));
  await waitFor(() => expect(taroMock.navigations.length).toBeGreaterThan(0));
  expect(taroMock.navigations.at(-1)).toEqual({ kind: 'reLaunch', url: '/pages/join/index?code=K7MPQ2XA' });
  cleanup();

  // Where that lands: the code filled in, one tap from joining.
  taroMock.routerParams = { code: 'K7MPQ2XA' };
  render(<JoinPage />);
  expect(await screen.findByPlaceholderText('请输入邀请码')).toHaveValue('K7MPQ2XA');
  expect(server.calls.some((c) => c.route === 'auth/dev-login')).toBe(true);
});
