import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { AppError } from '@shared/errors';
import JoinPage from '../../client/src/pages/join/index';
import { goHome } from '../../client/src/services/nav';
import { getSession, refreshMe } from '../../client/src/services/session';
import { taroMock } from './__mocks__/taro';
import { fakeServer } from './support/fakeServer';

/** A first WeChat login: a user and no community at all. */
const newcomer = { id: 'u-new', name: '王小明', memberships: [] as { communityId: string; roles: string[] }[] };

const pendingRequest = {
  id: 'jr1',
  communityId: 'c1',
  communityName: '城关社区',
  userId: 'u-new',
  name: '王小明',
  roles: ['resident', 'volunteer'],
  status: 'pending',
  createdAt: '2026-11-22T09:00:00+08:00',
};

// session.ts keeps the session in memory across tests: put the newcomer there the way the app would.
beforeEach(async () => {
  taroMock.storage.set('xy.token', 'token-new');
  fakeServer({}, { 'auth/me': () => ({ user: newcomer }) });
  await refreshMe();
  taroMock.navigations = [];
});

function typeCode(code: string) {
  fireEvent.change(screen.getByPlaceholderText('请输入邀请码'), { target: { value: code } });
}

describe('joining a community', () => {
  it('sends a person with no community to the join page instead of a home', () => {
    expect(getSession()?.user.memberships).toEqual([]);
    goHome('resident');
    expect(taroMock.navigations.at(-1)).toEqual({ kind: 'reLaunch', url: '/pages/join/index' });
  });

  it('joins with a valid code, refreshes the session and lands on the new role’s home', async () => {
    let user = newcomer;
    const server = fakeServer(
      {
        'org.joinRequests': () => ({ items: [], nextCursor: null }),
        'org.acceptInvite': () => {
          user = { ...newcomer, memberships: [{ communityId: 'c1', roles: ['resident', 'volunteer'] }] };
          return { user, communityId: 'c1', roles: ['resident', 'volunteer'] };
        },
      },
      { 'auth/me': () => ({ user }) },
    );
    render(<JoinPage />);
    expect(await screen.findByText('还没有提交过申请')).toBeInTheDocument();

    typeCode('ab12cd34');
    fireEvent.click(screen.getByRole('button', { name: '加入社区' }));

    await waitFor(() => expect(taroMock.navigations.at(-1)).toEqual({ kind: 'reLaunch', url: '/packages/helper/pages/hall/index' }));
    const accept = server.calls.find((c) => c.route === 'org.acceptInvite');
    expect(accept?.data).toEqual({ code: 'ab12cd34' });
    expect(accept?.requestId).toBeTruthy();
    expect(getSession()).toMatchObject({ activeRole: 'volunteer', user: { memberships: [{ communityId: 'c1' }] } });
  });

  it('checks the code with the shared schema before asking the server', async () => {
    const server = fakeServer({ 'org.joinRequests': () => ({ items: [] }) });
    render(<JoinPage />);
    typeCode('ab!');
    fireEvent.click(screen.getByRole('button', { name: '加入社区' }));
    expect(await screen.findByText('邀请码格式不正确')).toBeInTheDocument();
    expect(server.calls.some((c) => c.route === 'org.acceptInvite')).toBe(false);
  });

  it('says a revoked code is revoked, keeps the code typed, and retries with the same requestId', async () => {
    const server = fakeServer({
      'org.joinRequests': () => ({ items: [] }),
      'org.acceptInvite': () => {
        throw new AppError('NOT_FOUND', '邀请码已被撤销');
      },
    });
    render(<JoinPage />);
    typeCode('REVOKED1');
    fireEvent.click(screen.getByRole('button', { name: '加入社区' }));

    expect(await screen.findByText('邀请码已被撤销')).toBeInTheDocument();
    expect(screen.getByPlaceholderText('请输入邀请码')).toHaveValue('REVOKED1');
    expect(taroMock.navigations).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: '加入社区' }));
    await waitFor(() => expect(server.calls.filter((c) => c.route === 'org.acceptInvite')).toHaveLength(2));
    const [first, second] = server.calls.filter((c) => c.route === 'org.acceptInvite');
    expect(second.requestId).toBe(first.requestId);
  });

  it('says an unknown code is invalid', async () => {
    fakeServer({
      'org.joinRequests': () => ({ items: [] }),
      'org.acceptInvite': () => {
        throw new AppError('NOT_FOUND', '邀请码无效或已过期');
      },
    });
    render(<JoinPage />);
    typeCode('NOSUCH99');
    fireEvent.click(screen.getByRole('button', { name: '加入社区' }));
    expect(await screen.findByText('邀请码无效或已过期')).toBeInTheDocument();
    expect(screen.getByPlaceholderText('请输入邀请码')).toHaveValue('NOSUCH99');
  });

  it('asks to join and shows the request waiting for review', async () => {
    const requests: Record<string, unknown>[] = [];
    const server = fakeServer({
      'org.joinRequests': () => ({ items: requests, nextCursor: null }),
      'org.requestJoin': (data) => {
        const request = { ...pendingRequest, ...data };
        requests.unshift(request);
        return { request };
      },
    });
    render(<JoinPage />);
    expect(await screen.findByText('还没有提交过申请')).toBeInTheDocument();

    typeCode('AB12CD34');
    fireEvent.change(screen.getByPlaceholderText('手机号或座机'), { target: { value: '13812345678' } });
    fireEvent.change(screen.getByPlaceholderText('想对社区说的话'), { target: { value: '住3栋，想当志愿者' } });
    fireEvent.click(screen.getByText('志愿者'));
    fireEvent.click(screen.getByRole('button', { name: '申请加入' }));

    expect(await screen.findByText('已提交，等待社区审核')).toBeInTheDocument();
    expect(await screen.findByText('城关社区')).toBeInTheDocument();
    expect(screen.getByText('待审核')).toBeInTheDocument();
    expect(screen.getByText('申请身份：居民、志愿者')).toBeInTheDocument();
    expect(server.calls.find((c) => c.route === 'org.requestJoin')?.data).toEqual({
      inviteCode: 'AB12CD34',
      name: '王小明',
      phone: '13812345678',
      note: '住3栋，想当志愿者',
      roles: ['resident', 'volunteer'],
    });
  });

  it('keeps the request form when the network fails, and the retry reuses the requestId', async () => {
    const server = fakeServer({
      'org.joinRequests': () => ({ items: [] }),
      'org.requestJoin': (data) => ({ request: { ...pendingRequest, ...data } }),
    });
    render(<JoinPage />);
    await screen.findByText('还没有提交过申请');
    typeCode('AB12CD34');
    server.offline = true;
    fireEvent.click(screen.getByRole('button', { name: '申请加入' }));

    expect(await screen.findByText(/网络不给力/)).toBeInTheDocument();
    expect(screen.getByPlaceholderText('请输入邀请码')).toHaveValue('AB12CD34');
    expect(screen.getByPlaceholderText('您的真实姓名')).toHaveValue('王小明');

    server.offline = false;
    fireEvent.click(screen.getByRole('button', { name: '申请加入' }));
    expect(await screen.findByText('已提交，等待社区审核')).toBeInTheDocument();
    // The offline attempt never reached the fake server, so compare what left the client.
    const tries = taroMock.requests.map((r) => r.data as { action?: string; requestId?: string }).filter((d) => d?.action === 'requestJoin');
    expect(tries).toHaveLength(2);
    expect(tries[1].requestId).toBe(tries[0].requestId);
    expect(server.calls.filter((c) => c.route === 'org.requestJoin')).toHaveLength(1);
  });
});

test("an invite's QR code opens the join page with its code already filled in", async () => {
  taroMock.routerParams = { code: 'QRCODE12' };
  fakeServer({ 'org.joinRequests': () => ({ items: [] }) });
  render(<JoinPage />);
  expect(await screen.findByPlaceholderText('请输入邀请码')).toHaveValue('QRCODE12');
});

test('a 小程序码 made for the join page (its scene, as WeChat hands it over) fills in the code as well', async () => {
  taroMock.routerParams = { scene: encodeURIComponent('code=QRCODE12') };
  fakeServer({ 'org.joinRequests': () => ({ items: [] }) });
  render(<JoinPage />);
  expect(await screen.findByPlaceholderText('请输入邀请码')).toHaveValue('QRCODE12');
});
