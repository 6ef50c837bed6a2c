/**
 * Who the signed-in person is, in each way the client runs: in WeChat cloud the session
 * comes from the `org.me` function (the platform vouches for the openid, no token, no
 * server to ask); in the browser and a self-hosted weapp, from `GET /api/auth/me`.
 */
import type * as SessionModule from '../../client/src/services/session';
import type * as TaroMockModule from './__mocks__/taro';

type CloudCall = { name: string; data: { action: string; data: unknown; requestId?: string } };

interface Client {
  session: typeof SessionModule;
  taro: typeof TaroMockModule;
  /** Every Taro.cloud.callFunction the client made (cloud mode only). */
  cloudCalls: CloudCall[];
}

/**
 * The platform is read when the client's modules load (TARO_ENV, the CLOUD_ENV build
 * constant, Taro.cloud), so each mode gets its own fresh copy of the modules.
 */
function loadClient(mode: 'cloud' | 'h5', cloudRoutes: Record<string, () => unknown> = {}): Client {
  const cloudCalls: CloudCall[] = [];
  let client!: Client;
  jest.isolateModules(() => {
    process.env.TARO_ENV = mode === 'cloud' ? 'weapp' : 'h5';
    const taro = require('./__mocks__/taro') as typeof TaroMockModule;
    if (mode === 'cloud') {
      (taro.default as { cloud: unknown }).cloud = {
        init: () => undefined,
        async callFunction(opts: CloudCall) {
          cloudCalls.push(opts);
          const route = cloudRoutes[`${opts.name}.${opts.data.action}`];
          if (!route) return { result: { ok: false, error: { code: 'NOT_FOUND', message: '接口不存在' } } };
          return { result: { ok: true, data: route() } };
        },
      };
    }
    client = { session: require('../../client/src/services/session'), taro, cloudCalls };
  });
  return client;
}

const globals = globalThis as { CLOUD_ENV?: string };
beforeEach(() => {
  globals.CLOUD_ENV = 'xinyuan-test-env';
});
afterEach(() => {
  delete globals.CLOUD_ENV;
  process.env.TARO_ENV = 'h5';
});

/** The user as `org.me` and `/api/auth/me` send them. */
function userView(over: Record<string, unknown> = {}) {
  return {
    id: 'u-secretary',
    name: '彭书记',
    roles: ['secretary', 'resident'],
    communityId: 'com-taoyuan',
    communityName: '桃源社区',
    townId: 'town-huayuan',
    gridIds: [],
    memberships: [{ communityId: 'com-taoyuan', roles: ['secretary', 'resident'] }],
    ...over,
  };
}

describe('in WeChat cloud the session comes from org.me', () => {
  test('logging in asks org.me, lands on the most likely role, and needs no token or server', async () => {
    const { session, taro, cloudCalls } = loadClient('cloud', { 'org.me': () => ({ user: userView() }) });
    const s = await session.wechatLogin();

    expect(cloudCalls).toEqual([{ name: 'org', data: { action: 'me', data: {} } }]);
    expect(taro.taroMock.requests).toEqual([]);
    expect(s).toMatchObject({ user: { id: 'u-secretary', name: '彭书记' }, activeRole: 'secretary' });
    expect(session.getSession()).toEqual(s);
    expect(session.isLoggedIn()).toBe(true);
  });

  test('refreshing reloads roles through org.me and keeps the role in use while it is still held', async () => {
    let user = userView();
    const { session, cloudCalls } = loadClient('cloud', { 'org.me': () => ({ user }) });
    await session.wechatLogin();
    session.switchRole('resident');

    user = userView({ roles: ['secretary', 'resident', 'volunteer'], memberships: [{ communityId: 'com-taoyuan', roles: ['secretary', 'resident', 'volunteer'] }] });
    const refreshed = await session.refreshMe();
    expect(refreshed?.activeRole).toBe('resident');
    expect(session.rolesOf(refreshed!.user)).toEqual(['secretary', 'volunteer', 'resident']);
    expect(cloudCalls.map((c) => `${c.name}.${c.data.action}`)).toEqual(['org.me', 'org.me']);
  });

  test('someone opening the mini-program for the first time has a session with no community yet', async () => {
    const newcomer = userView({ id: 'u-new', name: '微信用户', roles: [], communityId: undefined, communityName: undefined, townId: undefined, memberships: [] });
    const { session } = loadClient('cloud', { 'org.me': () => ({ user: newcomer }) });
    const s = await session.wechatLogin();
    expect(s.user).toMatchObject({ id: 'u-new', memberships: [] });
    expect(session.rolesOf(s.user)).toEqual([]);
  });
});

describe('outside WeChat cloud nothing changes', () => {
  test('the browser refreshes the user with GET /api/auth/me and never calls a cloud function', async () => {
    const { session, taro, cloudCalls } = loadClient('h5');
    taro.taroMock.handler = (req) =>
      req.url === '/api/auth/me' ? { statusCode: 200, data: { ok: true, data: { user: userView() } } } : { statusCode: 404, data: null };

    const s = await session.refreshMe();
    expect(taro.taroMock.requests).toEqual([expect.objectContaining({ url: '/api/auth/me', method: 'GET' })]);
    expect(cloudCalls).toEqual([]);
    expect(s).toMatchObject({ user: { id: 'u-secretary' }, activeRole: 'secretary' });
  });
});
