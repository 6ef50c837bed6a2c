/**
 * Issue 16 (LCP on a phone): index.html starts the opened screen's first reads before the app's scripts have
 * arrived (client/config/earlyCalls.ts), and the screen takes those replies instead of asking again.
 * These tests keep the table and the screens equal, and show what a screen does with an early reply:
 * uses it, renews a token it finds expired, asks again when it got no answer.
 */
import type { ComponentType } from 'react';
import { render, screen, waitFor } from '@testing-library/react';
import { AppError } from '@shared/errors';
import type { Role } from '@shared/enums';
import type { PagePath } from '@shared/routes';
import { EarlyCalls, EarlyRepliesGlobal, TokenStorageKey, earlyCallsScript, type EarlyCall } from '../../client/config/earlyCalls';
import ResidentHome from '../../client/src/pages/home/index';
import WishPage from '../../client/src/pages/wish/index';
import TaskPage from '../../client/src/packages/helper/pages/task/index';
import ReviewPage from '../../client/src/packages/staff/pages/review/index';
import DashboardPage from '../../client/src/packages/staff/pages/dashboard/index';
import { switchRole } from '../../client/src/services/session';
import { TOKEN_KEY } from '../../client/src/services/token';
import { taroMock } from './__mocks__/taro';
import { actors, detailReply } from './support/detail';
import { fakeServer, wishFixture, type Route } from './support/fakeServer';

const user = { id: 'u-res', name: '胡秀兰', memberships: [{ communityId: 'c1', roles: ['resident', 'volunteer', 'secretary'] }] };

function signIn(role: Role) {
  taroMock.storage.set('xy.token', 'token-1');
  taroMock.storage.set('xy.session', { user, activeRole: role });
  switchRole(role);
}

/** The screens with early reads, as the person who uses each, opened at the query the table's parameters name. */
const Screens: Record<string, { Page: ComponentType; role: Role; params: Record<string, string> }> = {
  'pages/home/index': { Page: ResidentHome, role: 'resident', params: {} },
  'pages/wish/index': { Page: WishPage, role: 'resident', params: { id: 'w1' } },
  'packages/helper/pages/task/index': { Page: TaskPage, role: 'volunteer', params: { id: 'w1' } },
  'packages/staff/pages/review/index': { Page: ReviewPage, role: 'secretary', params: {} },
  'packages/staff/pages/dashboard/index': { Page: DashboardPage, role: 'secretary', params: {} },
};

const bodyOf = (c: EarlyCall, params: Record<string, string>) =>
  JSON.stringify({ action: c.action, data: Object.fromEntries(Object.entries(c.data).map(([k, v]) => [k, typeof v === 'object' ? params[v.param] : v])) });

test('index.html reads the token where the app keeps it', () => {
  expect(TokenStorageKey).toBe(TOKEN_KEY);
});

test('every screen with early reads is covered here', () => {
  expect(Object.keys(Screens).sort()).toEqual(Object.keys(EarlyCalls).sort());
});

describe.each(Object.entries(Screens))('%s', (page, { Page, role, params }) => {
  test('its early reads are calls it makes on opening, byte for byte (otherwise they would be sent for nothing)', async () => {
    signIn(role);
    taroMock.routerParams = params;
    const server = fakeServer({});
    render(<Page />);
    const expected = (EarlyCalls[page as PagePath] ?? []).map((c) => `${c.fn} ${bodyOf(c, params)}`);
    await waitFor(() => expect(server.calls.length).toBeGreaterThanOrEqual(expected.length));
    const made = server.calls.map((c) => `${c.route.split('.')[0]} ${JSON.stringify({ action: c.route.split('.')[1], data: c.data })}`);
    expect(made).toEqual(expect.arrayContaining(expected));
  });
});

describe('a resident opening her wish takes the reply index.html asked for', () => {
  const wish = () => detailReply(wishFixture({ ownerId: 'u-res' }), actors.resident());
  let fetches: { url: string; authorization: string }[];

  /** index.html's inline script, run at the wish's address, its fetch answered by `answer`. */
  function openedByIndexHtml(answer: (authorization: string) => Promise<{ status: number; body: unknown }>) {
    fetches = [];
    window.location.hash = '#/pages/wish/index?id=w1';
    localStorage.setItem(TokenStorageKey, JSON.stringify({ data: 'token-1' }));
    (window as unknown as { fetch: unknown }).fetch = async (url: string, init: { headers: Record<string, string> }) => {
      fetches.push({ url, authorization: init.headers.Authorization });
      const { status, body } = await answer(init.headers.Authorization);
      return { status, text: async () => JSON.stringify(body) };
    };
    new Function(earlyCallsScript(EarlyCalls, '/api/fn/'))();
  }

  beforeEach(() => {
    // The early replies are h5's alone: the mini-program's build leaves them out.
    process.env.TARO_ENV = 'h5';
    signIn('resident');
    taroMock.routerParams = { id: 'w1' };
  });
  afterEach(() => {
    Reflect.deleteProperty(process.env, 'TARO_ENV');
    delete (window as unknown as Record<string, unknown>)[EarlyRepliesGlobal];
    delete (window as unknown as { fetch?: unknown }).fetch;
    localStorage.clear();
  });

  test('the wish shows from the early reply, and the screen does not ask the server again', async () => {
    openedByIndexHtml(async () => ({ status: 200, body: { ok: true, data: wish() } }));
    const server = fakeServer({ 'wishes.detail': () => wish() });
    render(<WishPage />);
    await screen.findByText('陪同去卫生院打疫苗');
    expect(fetches).toEqual([{ url: '/api/fn/wishes', authorization: 'Bearer token-1' }]);
    expect(server.calls.filter((c) => c.route === 'wishes.detail')).toEqual([]);
  });

  test('an early reply saying the token had expired: the token is renewed and the wish asked for again', async () => {
    taroMock.storage.set('xy.refresh', 'r0');
    openedByIndexHtml(async () => ({ status: 401, body: { ok: false, error: new AppError('TOKEN_EXPIRED', '登录已过期').toBody() } }));
    const detail: Route = (_data, req) => {
      if (req.headers.Authorization !== 'Bearer token-2') throw new AppError('TOKEN_EXPIRED', '');
      return wish();
    };
    const server = fakeServer({ 'wishes.detail': detail }, { 'auth/refresh': () => ({ token: 'token-2', refreshToken: 'r1' }) });
    render(<WishPage />);
    await screen.findByText('陪同去卫生院打疫苗');
    expect(server.calls.map((c) => [c.route, c.authorization])).toEqual([
      ['auth/refresh', undefined],
      ['wishes.detail', 'Bearer token-2'],
    ]);
  });

  test('an early read that got no answer (the network dropped): the screen asks again itself', async () => {
    openedByIndexHtml(() => Promise.reject(new TypeError('Failed to fetch')));
    const server = fakeServer({ 'wishes.detail': () => wish() });
    render(<WishPage />);
    await screen.findByText('陪同去卫生院打疫苗');
    expect(server.calls.map((c) => c.route)).toEqual(['wishes.detail']);
  });
});
