import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { AppError } from '@shared/errors';
import { call } from '../../client/src/services/api';
import ReviewPage from '../../client/src/packages/staff/pages/review/index';
import { callsTo, routeCalls, actAs } from './staff-helpers';
import { actors, detailReply } from './support/detail';

jest.mock('../../client/src/services/api', () => ({ call: jest.fn(), httpJson: jest.fn(), apiUrl: (p: string) => p }));
const callMock = call as jest.Mock;

const hourAgo = new Date(Date.now() - 3 * 3600_000).toISOString();
const ride = {
  id: 'w1',
  category: 'medical_trip',
  title: '接送去卫生院打疫苗',
  description: '腿脚不便，周三上午',
  status: 'pending_review',
  channel: 'phone',
  priority: 'normal',
  gridId: 'g2',
  beneficiary: { name: '王秀英' },
  number: 'TY-2026-0042',
  createdAt: hourAgo,
};
const repair = { id: 'w2', category: 'repair', title: '厨房水管漏水', status: 'pending_review', channel: 'door_visit', priority: 'urgent', createdAt: hourAgo };

beforeEach(() => {
  callMock.mockReset();
  actAs('secretary');
});

async function openQueue() {
  render(<ReviewPage />);
  return screen.findByText('接送去卫生院打疫苗');
}

const card = (title: string) => screen.getByLabelText(`心愿：${title}`);

test('lists pending wishes with category, channel, grid, resident and urgency, urgent first', async () => {
  routeCalls(callMock, { 'dispatch.queue': { items: [ride, repair] }, 'org.grids': { items: [{ id: 'g2', name: '第二网格' }] } });
  await openQueue();
  await screen.findByText('网格：第二网格');

  const first = card('接送去卫生院打疫苗');
  expect(within(first).getByText('就医出行')).toBeInTheDocument();
  expect(within(first).getByText('来源：电话')).toBeInTheDocument();
  expect(within(first).getByText('网格：第二网格')).toBeInTheDocument();
  expect(within(first).getByText('居民：王秀英')).toBeInTheDocument();
  expect(within(first).getByText('3小时前')).toBeInTheDocument();
  expect(within(first).getByText('编号 TY-2026-0042')).toBeInTheDocument();
  expect(within(card('厨房水管漏水')).getByText('紧急')).toBeInTheDocument();
  expect(screen.getByText('待审核 2 条')).toBeInTheDocument();

  const titles = screen.getAllByLabelText(/^心愿：/).map((el) => el.getAttribute('aria-label'));
  expect(titles).toEqual(['心愿：厨房水管漏水', '心愿：接送去卫生院打疫苗']);
});

test('of equal urgency the longest waiting comes first, ordered without building a collator', async () => {
  // localeCompare's first call in a page builds an ICU collator: a long task on a phone, for instants that need no language.
  const collate = jest.spyOn(String.prototype, 'localeCompare');
  const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3600_000).toISOString();
  const waiting = [5, 30, 1, 12].map((h) => ({ ...ride, id: `w${h}`, number: undefined, title: `等了${h}小时的心愿`, createdAt: at(h) }));
  routeCalls(callMock, { 'dispatch.queue': { items: waiting }, 'org.grids': { items: [{ id: 'g2', name: '第二网格' }] } });
  render(<ReviewPage />);
  await screen.findByText('等了5小时的心愿');

  const titles = screen.getAllByLabelText(/^心愿：/).map((el) => el.getAttribute('aria-label'));
  expect(titles).toEqual(['心愿：等了30小时的心愿', '心愿：等了12小时的心愿', '心愿：等了5小时的心愿', '心愿：等了1小时的心愿']);
  expect(collate).not.toHaveBeenCalled();
  collate.mockRestore();
});

test('approve publishes to the pool and the wish leaves the queue', async () => {
  routeCalls(callMock, {
    'dispatch.queue': { items: [ride, repair] },
    'dispatch.approve': (d: Record<string, unknown>) => ({ wish: { ...ride, id: d.wishId, status: 'open' } }),
  });
  await openQueue();

  fireEvent.click(within(card('接送去卫生院打疫苗')).getByText('通过'));
  fireEvent.click(await screen.findByText('通过并发布'));

  await waitFor(() => expect(screen.queryByText('接送去卫生院打疫苗')).not.toBeInTheDocument());
  expect(screen.getByRole('status')).toHaveTextContent('已通过「接送去卫生院打疫苗」并发布到心愿池');
  expect(screen.getByText('待审核 1 条')).toBeInTheDocument();
  const [approve] = callsTo(callMock, 'dispatch', 'approve');
  expect(approve[2]).toEqual({ wishId: 'w1', priority: 'normal' });
});

test('approve can dispatch straight to a co-building unit, as urgent', async () => {
  routeCalls(callMock, {
    'dispatch.queue': { items: [ride] },
    'dispatch.candidates': { helpers: [], units: [{ kind: 'unit', id: 'unit-7', name: '县人民医院', unitKind: 'public_institution', load: 0 }], maxOpenTasks: 5, at: new Date().toISOString() },
    'dispatch.approve': { wish: { ...ride, status: 'assigned' } },
  });
  await openQueue();

  fireEvent.click(screen.getByText('通过'));
  fireEvent.click(await screen.findByText('指派共建单位'));
  fireEvent.click(await screen.findByText('县人民医院'));
  fireEvent.click(screen.getByText('紧急'));
  fireEvent.click(screen.getByText('派给 县人民医院'));

  await waitFor(() => expect(screen.queryByText('接送去卫生院打疫苗')).not.toBeInTheDocument());
  const [approve] = callsTo(callMock, 'dispatch', 'approve');
  expect(approve[2]).toEqual({ wishId: 'w1', assignTo: { kind: 'unit', id: 'unit-7' }, priority: 'urgent' });
  expect(screen.getByRole('status')).toHaveTextContent('已通过「接送去卫生院打疫苗」并完成派单（紧急）');
});

test('reject demands a reason before anything is sent', async () => {
  routeCalls(callMock, {
    'dispatch.queue': { items: [ride] },
    'dispatch.reject': { wish: { ...ride, status: 'rejected' } },
  });
  await openQueue();

  fireEvent.click(screen.getByText('驳回'));
  fireEvent.click(await screen.findByText('确认驳回'));
  expect(screen.getByRole('alert')).toHaveTextContent('请填写原因');
  expect(callsTo(callMock, 'dispatch', 'reject')).toHaveLength(0);

  fireEvent.change(screen.getByLabelText('驳回原因'), { target: { value: '不属于社区服务范围，请拨打12345' } });
  fireEvent.click(screen.getByText('确认驳回'));

  await waitFor(() => expect(screen.queryByText('接送去卫生院打疫苗')).not.toBeInTheDocument());
  expect(callsTo(callMock, 'dispatch', 'reject')[0][2]).toEqual({ wishId: 'w1', reason: '不属于社区服务范围，请拨打12345' });
});

test('when someone else acted first, the message says so and the wish shows its new state', async () => {
  routeCalls(callMock, {
    'dispatch.queue': { items: [ride] },
    'dispatch.approve': () => {
      throw new AppError('INVALID_TRANSITION', '心愿当前状态不能审核');
    },
    'wishes.detail': detailReply({ ...ride, status: 'open' }, actors.secretary()),
  });
  await openQueue();

  fireEvent.click(screen.getByText('通过'));
  fireEvent.click(await screen.findByText('通过并发布'));

  expect(await screen.findByText('该心愿已被其他人处理，当前状态：待认领')).toBeInTheDocument();
  expect(screen.getByRole('alert')).toHaveTextContent('该心愿已被其他人处理');
  // Still listed, as it now stands, but nothing left to decide.
  expect(screen.getByText('接送去卫生院打疫苗')).toBeVisible();
  expect(screen.queryByText('通过')).not.toBeInTheDocument();
  expect(callsTo(callMock, 'wishes', 'detail')[0][2]).toEqual({ wishId: 'w1' });
});

test('a failed reject keeps the typed reason, and the retry is the same request', async () => {
  let fail = true;
  routeCalls(callMock, {
    'dispatch.queue': { items: [ride] },
    'dispatch.reject': () => {
      if (fail) throw new AppError('INTERNAL', '');
      return { wish: { ...ride, status: 'rejected' } };
    },
  });
  await openQueue();

  fireEvent.click(screen.getByText('驳回'));
  fireEvent.change(await screen.findByLabelText('驳回原因'), { target: { value: '信息不全' } });
  fireEvent.click(screen.getByText('确认驳回'));

  expect(await screen.findByText('服务器开小差了，请稍后再试')).toBeInTheDocument();
  expect(screen.getByLabelText('驳回原因')).toHaveValue('信息不全');

  fail = false;
  fireEvent.click(screen.getByText('确认驳回'));
  await waitFor(() => expect(screen.queryByText('接送去卫生院打疫苗')).not.toBeInTheDocument());
  // The same decision retried keeps its requestId: a reply lost on the way cannot reject twice.
  const [first, second] = callsTo(callMock, 'dispatch', 'reject').map((c) => c[3]?.requestId);
  expect(first).toEqual(expect.any(String));
  expect(second).toBe(first);
});

test('a secretary narrows the queue to one grid', async () => {
  routeCalls(callMock, {
    'dispatch.queue': (d: Record<string, unknown>) => ({ items: d.gridId === 'g2' ? [ride] : [ride, repair] }),
    'org.grids': { items: [{ id: 'g1', name: '第一网格' }, { id: 'g2', name: '第二网格' }] },
  });
  await openQueue();
  expect(screen.getByText('厨房水管漏水')).toBeInTheDocument();

  fireEvent.click(await screen.findByRole('radio', { name: '第二网格' }));

  await waitFor(() => expect(screen.queryByText('厨房水管漏水')).not.toBeInTheDocument());
  expect(callsTo(callMock, 'dispatch', 'queue').at(-1)?.[2]).toEqual({ gridId: 'g2' });
});

test('a long queue loads more on request', async () => {
  routeCalls(callMock, {
    'dispatch.queue': (d: Record<string, unknown>) =>
      d.cursor === 'next-1' ? { items: [repair], nextCursor: null } : { items: [ride], nextCursor: 'next-1' },
  });
  await openQueue();
  expect(screen.queryByText('厨房水管漏水')).not.toBeInTheDocument();

  fireEvent.click(screen.getByText('加载更多'));

  expect(await screen.findByText('厨房水管漏水')).toBeInTheDocument();
  expect(screen.queryByText('加载更多')).not.toBeInTheDocument();
});

test('an empty queue says so; a failed load offers a retry', async () => {
  let down = true;
  routeCalls(callMock, {
    'dispatch.queue': () => {
      if (down) throw new AppError('INTERNAL', '');
      return { items: [] };
    },
  });
  render(<ReviewPage />);
  expect(await screen.findByText('加载失败')).toBeInTheDocument();

  down = false;
  fireEvent.click(screen.getByText('重试'));
  expect(await screen.findByText('暂无待审核的心愿')).toBeInTheDocument();
});

test('a resident is politely refused, with a switch to a staff role they hold', async () => {
  routeCalls(callMock, { 'dispatch.queue': { items: [ride] } });
  actAs('resident');
  render(<ReviewPage />);

  expect(screen.getByText('暂无权限')).toBeInTheDocument();
  expect(screen.getByRole('alert')).toHaveTextContent('您当前的身份是「居民」');
  expect(callsTo(callMock, 'dispatch', 'queue')).toHaveLength(0);

  fireEvent.click(screen.getByText('切换为社区书记/工作人员'));
  expect(await screen.findByText('接送去卫生院打疫苗')).toBeInTheDocument();
});

test('a normal wish whose words mean danger is marked 可能紧急, sorted first, and approved as urgent unless the reviewer says otherwise', async () => {
  const gas = { id: 'w3', category: 'daily_help', title: '厨房有异味', description: '燃气管道老化，闻到气味', status: 'pending_review', channel: 'miniprogram', priority: 'normal', createdAt: new Date().toISOString() };
  routeCalls(callMock, {
    'dispatch.queue': { items: [ride, gas] },
    'dispatch.approve': (d: Record<string, unknown>) => ({ wish: { ...gas, id: d.wishId, status: 'open' } }),
  });
  await openQueue();

  const titles = screen.getAllByLabelText(/^心愿：/).map((el) => el.getAttribute('aria-label'));
  expect(titles).toEqual(['心愿：厨房有异味', '心愿：接送去卫生院打疫苗']);
  expect(within(card('厨房有异味')).getByText('可能紧急')).toBeInTheDocument();
  expect(within(card('厨房有异味')).getByText('描述中提到“燃气”，可能有燃气泄漏')).toBeInTheDocument();
  expect(within(card('接送去卫生院打疫苗')).queryByText('可能紧急')).not.toBeInTheDocument();

  fireEvent.click(within(card('厨房有异味')).getByText('通过'));
  expect(await screen.findByText('描述中提到“燃气”，可能有燃气泄漏，已预选紧急；如不紧急请改为普通')).toBeInTheDocument();
  fireEvent.click(screen.getByText('通过并发布'));
  await waitFor(() => expect(callsTo(callMock, 'dispatch', 'approve')).toHaveLength(1));
  expect(callsTo(callMock, 'dispatch', 'approve')[0][2]).toEqual({ wishId: 'w3', priority: 'urgent' });
});

test('a secretary with two grids narrows the queue to one, and back to all', async () => {
  routeCalls(callMock, {
    'dispatch.queue': (d: Record<string, unknown>) => ({ items: d.gridId === 'g1' ? [repair] : [ride, repair] }),
    'org.grids': { items: [{ id: 'g1', name: '第一网格' }, { id: 'g2', name: '第二网格' }] },
  });
  await openQueue();
  fireEvent.click(await screen.findByRole('radio', { name: '第一网格' }));
  await waitFor(() => expect(screen.queryByText('接送去卫生院打疫苗')).not.toBeInTheDocument());
  expect(callsTo(callMock, 'dispatch', 'queue').at(-1)![2]).toEqual({ gridId: 'g1' });
  fireEvent.click(screen.getByRole('radio', { name: '全部网格' }));
  expect(await screen.findByText('接送去卫生院打疫苗')).toBeInTheDocument();
  expect(callsTo(callMock, 'dispatch', 'queue').at(-1)![2]).toEqual({});
});

test('a grid worker, whose queue is their grid already, gets no grid choice', async () => {
  actAs('grid_worker');
  routeCalls(callMock, { 'dispatch.queue': { items: [ride] }, 'org.grids': { items: [{ id: 'g1', name: '第一网格' }, { id: 'g2', name: '第二网格' }] } });
  await openQueue();
  await waitFor(() => expect(callsTo(callMock, 'org', 'grids').length).toBeGreaterThan(0));
  expect(screen.queryByRole('radiogroup', { name: '按网格筛选' })).not.toBeInTheDocument();
});

test('the queue shows together with the grid chips above it, never before them (no list pushed down under the reader)', async () => {
  let answerGrids: (reply: unknown) => void = () => undefined;
  routeCalls(callMock, {
    'dispatch.queue': { items: [ride, repair] },
    'org.grids': () => new Promise((resolve) => (answerGrids = resolve)),
  });
  render(<ReviewPage />);
  await waitFor(() => expect(callsTo(callMock, 'dispatch', 'queue')).toHaveLength(1));
  // The queue has answered, the grid names not yet: still loading, no card drawn.
  await act(() => Promise.resolve());
  expect(screen.queryByText('接送去卫生院打疫苗')).not.toBeInTheDocument();
  expect(screen.getByText('加载中…')).toBeInTheDocument();

  answerGrids({ items: [{ id: 'g1', name: '第一网格' }, { id: 'g2', name: '第二网格' }] });
  expect(await screen.findByText('接送去卫生院打疫苗')).toBeInTheDocument();
  expect(screen.getByRole('radio', { name: '第二网格' })).toBeInTheDocument();
  expect(within(card('接送去卫生院打疫苗')).getByText('网格：第二网格')).toBeInTheDocument();
});

test('grid names that fail to load do not hold the queue back', async () => {
  routeCalls(callMock, {
    'dispatch.queue': { items: [ride] },
    'org.grids': () => {
      throw new AppError('INTERNAL', '');
    },
  });
  await openQueue();
  expect(screen.queryByRole('radiogroup', { name: '按网格筛选' })).not.toBeInTheDocument();
});
