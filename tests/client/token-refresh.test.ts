/**
 * The client's side of short access tokens (issue 11, L6): a call refused TOKEN_EXPIRED renews the token once
 * with the refresh token and is sent again as it was (a write with the same requestId); a sign-in the server
 * ended (TOKEN_REVOKED) signs the person out on this device and takes them to the login page.
 */
import { AppError } from '@shared/errors';
import { call } from '../../client/src/services/api';
import { devLogin, getSession, logout } from '../../client/src/services/session';
import { getRefreshToken, getToken } from '../../client/src/services/token';
import { taroMock } from './__mocks__/taro';
import { fakeServer } from './support/fakeServer';

const user = { id: 'u-resident', name: '胡秀兰', memberships: [{ communityId: 'com-taoyuan', roles: ['resident'] }] };

/** Signed in (the demo login) as a resident, given the pair: `old` access token, `r0` refresh token. */
async function signedIn(): Promise<void> {
  fakeServer({}, { 'auth/dev-login': () => ({ token: 'old', refreshToken: 'r0', user }) });
  await devLogin('resident');
  expect(getToken()).toBe('old');
}

const bearer = (token: string) => `Bearer ${token}`;
const expired = () => new AppError('TOKEN_EXPIRED', '登录已过期，请重新登录');

beforeEach(() => {
  // The session module keeps the session read from storage: start each test from what storage holds.
  logout();
  taroMock.navigations = [];
});

test('an expired token is renewed once and the write is sent again with the same requestId', async () => {
  await signedIn();
  const server = fakeServer(
    {
      'wishes.create': (_data, req) => {
        if (req.headers.Authorization !== bearer('new')) throw expired();
        return { wish: { id: 'w1' } };
      },
    },
    { 'auth/refresh': (data) => (data.refreshToken === 'r0' ? { token: 'new', refreshToken: 'r1' } : Promise.reject(new AppError('TOKEN_REVOKED', ''))) },
  );
  await expect(call('wishes', 'create', { title: '楼道灯坏了' } as never)).resolves.toEqual({ wish: { id: 'w1' } });

  expect(server.calls.map((c) => c.route)).toEqual(['wishes.create', 'auth/refresh', 'wishes.create']);
  const [first, , second] = server.calls;
  expect(first.authorization).toBe(bearer('old'));
  expect(second.authorization).toBe(bearer('new'));
  expect(second.requestId).toBe(first.requestId);
  expect(second.requestId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  // The refresh token was used up: the new one is kept, and the person is still signed in.
  expect(getToken()).toBe('new');
  expect(getRefreshToken()).toBe('r1');
  expect(getSession()).not.toBeNull();
  expect(taroMock.navigations).toEqual([]);
});

test('calls that find the token expired together share one renewal (a refresh token used twice would end the sign-in)', async () => {
  await signedIn();
  const server = fakeServer(
    {
      'wishes.mine': (_data, req) => {
        if (req.headers.Authorization !== bearer('new')) throw expired();
        return { items: [] };
      },
    },
    { 'auth/refresh': async () => ({ token: 'new', refreshToken: 'r1' }) },
  );
  await Promise.all([call('wishes', 'mine', {} as never), call('wishes', 'mine', {} as never), call('wishes', 'mine', {} as never)]);
  expect(server.calls.filter((c) => c.route === 'auth/refresh')).toHaveLength(1);
  expect(server.calls.filter((c) => c.route === 'wishes.mine' && c.authorization === bearer('new'))).toHaveLength(3);
});

test('renewed once only: still expired after the renewal, the person is signed out rather than renewing again', async () => {
  await signedIn();
  const server = fakeServer(
    { 'wishes.mine': () => { throw expired(); } },
    { 'auth/refresh': async () => ({ token: 'new', refreshToken: 'r1' }) },
  );
  await expect(call('wishes', 'mine', {} as never)).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
  expect(server.calls.map((c) => c.route)).toEqual(['wishes.mine', 'auth/refresh', 'wishes.mine']);
  expect(getSession()).toBeNull();
});

test('a sign-in the server ended (TOKEN_REVOKED) signs the person out cleanly: tokens and session gone, to the login page, no renewal tried', async () => {
  await signedIn();
  const server = fakeServer({ 'tasks.nearby': () => { throw new AppError('TOKEN_REVOKED', '登录已失效，请重新登录'); } });
  await expect(call('tasks', 'nearby', { lng: 113.99, lat: 31.25 } as never)).rejects.toMatchObject({ code: 'TOKEN_REVOKED' });
  expect(server.calls.map((c) => c.route)).toEqual(['tasks.nearby']);
  expect(getToken()).toBeNull();
  expect(getRefreshToken()).toBeNull();
  expect(getSession()).toBeNull();
  expect(taroMock.navigations).toEqual([{ kind: 'reLaunch', url: expect.stringContaining('login') }]);
});

test('a refresh the server refuses (the refresh token was reused, the sign-in ended) signs the person out once and rejects the call', async () => {
  await signedIn();
  fakeServer(
    { 'wishes.mine': () => { throw expired(); } },
    { 'auth/refresh': () => { throw new AppError('TOKEN_REVOKED', ''); } },
  );
  const calls = await Promise.allSettled([call('wishes', 'mine', {} as never), call('wishes', 'mine', {} as never)]);
  expect(calls.map((c) => c.status === 'rejected' && (c.reason as AppError).code)).toEqual(['TOKEN_REVOKED', 'TOKEN_REVOKED']);
  expect(getSession()).toBeNull();
  expect(taroMock.navigations.filter((n) => n.kind === 'reLaunch')).toHaveLength(1);
});

test('offline during the renewal keeps the sign-in for a later try', async () => {
  await signedIn();
  const server = fakeServer({ 'wishes.mine': () => { throw expired(); } });
  taroMock.handler = ((inner) => async (req: Parameters<typeof inner>[0]) => {
    if (req.url.endsWith('/api/auth/refresh')) throw new Error('request:fail');
    return inner(req);
  })(taroMock.handler);
  await expect(call('wishes', 'mine', {} as never)).rejects.toMatchObject({ code: 'OFFLINE' });
  expect(server.calls.map((c) => c.route)).toEqual(['wishes.mine']);
  expect(getToken()).toBe('old');
  expect(getRefreshToken()).toBe('r0');
  expect(getSession()).not.toBeNull();
});

test('signing out ends the sign-in on the server with the refresh token, and forgets it here at once', async () => {
  await signedIn();
  const server = fakeServer({}, { 'auth/logout': () => ({}) });
  logout();
  expect(getToken()).toBeNull();
  expect(getSession()).toBeNull();
  await new Promise((r) => setTimeout(r, 0));
  expect(server.calls).toEqual([expect.objectContaining({ route: 'auth/logout', data: { refreshToken: 'r0' } })]);
});
