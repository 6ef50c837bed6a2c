import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { AppError } from '@shared/errors';
import { remember } from '../../client/src/features/task/cache';
import TaskPage from '../../client/src/packages/helper/pages/task/index';
import { taroMock } from './__mocks__/taro';
import { actors, detailReply } from './support/detail';
import { fakeServer, wishFixture } from './support/fakeServer';

const volunteer = { id: 'u-vol', name: '李志愿', memberships: [{ communityId: 'c1', roles: ['volunteer'] }] };

/** A tiny stand-in for the server's side of one wish. */
function wishServer(initial: Record<string, unknown> = {}) {
  let wish: Record<string, unknown> = wishFixture(initial);
  const setWish = (patch: Record<string, unknown>) => {
    wish = { ...wish, ...patch };
    return { wish };
  };
  const server = fakeServer({
    // The buttons come from the server's `actions`, worked out by the shared table as the real server does.
    'wishes.detail': () => detailReply(wish, actors.volunteer()),
    'tasks.claim': () => {
      const leaseUntil = new Date(Date.now() + 2 * 3600000 + 30000).toISOString();
      return {
        ...setWish({
          status: 'claimed',
          contactPhone: '13812345678',
          address: '3栋2单元501',
          claims: [{ claimerId: 'u-vol', kind: 'user', assigneeId: 'u-vol', leaseUntil }],
        }),
        leaseUntil,
      };
    },
    'tasks.extend': () => {
      const leaseUntil = new Date(Date.now() + 4 * 3600000 + 30000).toISOString();
      const claims = (wish.claims as Record<string, unknown>[]).map((c) => ({ ...c, leaseUntil }));
      return { ...setWish({ claims }), leaseUntil };
    },
    'tasks.start': () => setWish({ status: 'in_progress', claims: (wish.claims as Record<string, unknown>[]).map((c) => ({ ...c, startedAt: new Date().toISOString() })) }),
    'tasks.complete': () => setWish({ status: 'done' }),
    'tasks.release': () => setWish({ status: 'open', claims: [], contactPhone: '138****5678', address: undefined }),
  });
  return { server, set: setWish };
}

beforeEach(() => {
  taroMock.storage.set('xy.token', 'token-vol');
  taroMock.storage.set('xy.session', { user: volunteer, activeRole: 'volunteer' });
  taroMock.routerParams = { id: 'w1' };
});

describe('claiming a wish as a volunteer', () => {
  it('sees only the masked phone before claiming, then the lease countdown and full contact after', async () => {
    const { server } = wishServer();
    render(<TaskPage />);

    expect(await screen.findByText('138****5678')).toBeInTheDocument();
    expect(screen.getByText('认领后可查看居民的完整电话和详细地址。')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: '我来认领' }));

    expect(await screen.findByText('认领成功，请在时限内开始服务')).toBeInTheDocument();
    // The claimed wish's render is a transition: the banner and the countdown may come in different slices.
    expect(await screen.findByRole('timer')).toHaveTextContent('认领剩余 2小时');
    expect(screen.getByText('13812345678')).toBeInTheDocument();
    expect(screen.getByText('3栋2单元501')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '我来认领' })).not.toBeInTheDocument();
    expect(server.calls.find((c) => c.route === 'tasks.claim')).toMatchObject({ data: { wishId: 'w1' }, authorization: 'Bearer token-vol' });
  });

  it('extends the lease, starts, and completes with a note', async () => {
    const { server } = wishServer();
    render(<TaskPage />);
    fireEvent.click(await screen.findByRole('button', { name: '我来认领' }));
    fireEvent.click(await screen.findByRole('button', { name: '延长认领' }));
    await waitFor(() => expect(screen.getByRole('timer')).toHaveTextContent('认领剩余 4小时'));

    fireEvent.click(screen.getByRole('button', { name: '开始服务' }));
    const note = await screen.findByPlaceholderText(/已陪同老人到卫生院完成接种/);

    fireEvent.click(screen.getByRole('button', { name: '确认完成' }));
    expect(screen.getByText('请简单说明完成情况')).toBeInTheDocument();

    fireEvent.change(note, { target: { value: '已陪同接种并送回家' } });
    fireEvent.click(screen.getByText('2 小时'));
    fireEvent.click(screen.getByRole('button', { name: '确认完成' }));

    expect(await screen.findByText('服务已完成，等待居民确认。')).toBeInTheDocument();
    expect(server.calls.find((c) => c.route === 'tasks.complete')?.data).toEqual({ wishId: 'w1', note: '已陪同接种并送回家', hours: 2 });
  });

  it('tells the volunteer whose 开始服务 lost to a 收回 that the community took it back, and why, and drops the stale buttons', async () => {
    const { set } = wishServer();
    render(<TaskPage />);
    fireEvent.click(await screen.findByRole('button', { name: '我来认领' }));
    await screen.findByRole('button', { name: '开始服务' });
    // Staff take it back between our load and our tap.
    set({ status: 'open', claims: [], contactPhone: '138****5678', address: undefined });
    const routes = taroMock.handler;
    taroMock.handler = async (req) => {
      const body = req.data as { action?: string };
      if (body.action === 'start') {
        return { statusCode: 403, data: { ok: false, error: new AppError('FORBIDDEN', '社区已收回这个心愿：两天没联系上', { action: 'start', reason: 'recalled' }).toBody() } };
      }
      return routes(req);
    };

    fireEvent.click(screen.getByRole('button', { name: '开始服务' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('社区已收回这个心愿：两天没联系上');
    await waitFor(() => expect(screen.queryByRole('button', { name: '开始服务' })).not.toBeInTheDocument());
  });

  it('tells the volunteer once when someone else was faster, and shows the wish as taken', async () => {
    remember([wishFixture({ status: undefined }) as never]);
    const { server } = wishServer();
    render(<TaskPage />);
    await screen.findByRole('button', { name: '我来认领' });
    server.calls.length = 0;
    // Another volunteer wins the race between our load and our tap; from then on the wish is theirs to read, not ours.
    const routes = taroMock.handler;
    taroMock.handler = async (req) => {
      const body = req.data as { action?: string };
      if (body.action === 'claim') return { statusCode: 409, data: { ok: false, error: new AppError('ALREADY_CLAIMED', '已被认领').toBody() } };
      if (body.action === 'detail') return { statusCode: 404, data: { ok: false, error: new AppError('NOT_FOUND', '心愿不存在').toBody() } };
      return routes(req);
    };

    fireEvent.click(screen.getByRole('button', { name: '我来认领' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('手慢了，这个心愿已被其他人认领');
    await waitFor(() => expect(screen.queryByRole('button', { name: '我来认领' })).not.toBeInTheDocument());
    expect(screen.queryByText('这个心愿已有人认领或暂不可认领。')).not.toBeInTheDocument();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    expect(screen.queryByText('认领后可查看居民的完整电话和详细地址。')).not.toBeInTheDocument();
  });

  it('says once that a wish from the hall is already taken when the server no longer shows it', async () => {
    // The hall listed it as open; by the time we open it another volunteer holds it, so detail is refused.
    remember([wishFixture({ status: undefined }) as never]);
    fakeServer({
      'wishes.detail': () => {
        throw new AppError('NOT_FOUND', '心愿不存在');
      },
    });
    render(<TaskPage />);

    expect(await screen.findByRole('status')).toHaveTextContent('这个心愿已有人认领或暂不可认领。');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '我来认领' })).not.toBeInTheDocument();
    expect(screen.queryByText('认领后可查看居民的完整电话和详细地址。')).not.toBeInTheDocument();
  });

  it('offers a retry when the network is down', async () => {
    const { server } = wishServer();
    server.offline = true;
    render(<TaskPage />);

    expect(await screen.findByText('网络连接失败')).toBeInTheDocument();
    server.offline = false;
    fireEvent.click(screen.getByRole('button', { name: '重试' }));

    expect(await screen.findByRole('button', { name: '我来认领' })).toBeInTheDocument();
  });

  it('asks before releasing and puts the wish back in the hall', async () => {
    wishServer();
    render(<TaskPage />);
    fireEvent.click(await screen.findByRole('button', { name: '我来认领' }));
    await screen.findByRole('timer');

    taroMock.modalAnswer = false;
    fireEvent.click(screen.getByRole('button', { name: '放弃认领' }));
    await waitFor(() => expect(screen.getByRole('timer')).toBeInTheDocument());

    taroMock.modalAnswer = true;
    fireEvent.click(screen.getByRole('button', { name: '放弃认领' }));
    expect(await screen.findByText('已放弃认领')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '我来认领' })).toBeInTheDocument();
  });
});
