import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { AppError } from '@shared/errors';
import Login from '../../client/src/pages/login/index';
import WishPage from '../../client/src/pages/wish/index';
import { taroMock } from './__mocks__/taro';
import { fakeServer, wishFixture } from './support/fakeServer';

const resident = { as: 'resident', name: '胡秀兰', roles: ['resident'] };
const auth = {
  'auth/dev-users': () => ({ items: [resident] }),
  'auth/dev-login': () => ({ token: 't-resident', user: { id: 'u-resident', name: '胡秀兰', memberships: [{ communityId: 'c1', roles: ['resident'] }] } }),
};

async function logInAsResident() {
  taroMock.pages = [{ route: 'pages/login/index' }];
  render(<Login />);
  fireEvent.click(await screen.findByRole('button', { name: '居民 · 胡秀兰' }));
  await waitFor(() => expect(taroMock.navigations.length).toBeGreaterThan(0));
  return taroMock.navigations.at(-1);
}

test('a shared wish link opened while signed out comes back, with its id, after login; only once', async () => {
  let signedIn = false;
  fakeServer(
    {
      'wishes.detail': () => {
        if (!signedIn) throw new AppError('UNAUTHENTICATED', '请先登录');
        return { wish: wishFixture({ id: 'w9' }), events: [], actions: [], people: {}, relations: [] };
      },
    },
    auth,
  );
  // The link as the browser opens it: the wish page, its id in the query (plus the router's stamp),
  // which in h5 only the router instance knows (the page has no `options`).
  taroMock.routerParams = { id: 'w9', stamp: '2' };
  taroMock.pages = [{ route: 'pages/wish/index' }];
  render(<WishPage />);
  await waitFor(() => expect(taroMock.navigations.at(-1)).toEqual({ kind: 'reLaunch', url: '/pages/login/index' }));
  cleanup();

  signedIn = true;
  taroMock.navigations = [];
  expect(await logInAsResident()).toEqual({ kind: 'reLaunch', url: '/pages/wish/index?id=w9' });
  cleanup();

  // The next login is an ordinary one: the role's home.
  taroMock.navigations = [];
  expect(await logInAsResident()).toEqual({ kind: 'reLaunch', url: '/pages/home/index' });
});
