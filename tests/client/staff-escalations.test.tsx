import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { AppError } from '@shared/errors';
import { call } from '../../client/src/services/api';
import EscalationsPage from '../../client/src/packages/staff/pages/escalations/index';
import { actAs, callsTo, routeCalls } from './staff-helpers';
import { actors, detailReply } from './support/detail';

jest.mock('../../client/src/services/api', () => ({ call: jest.fn(), httpJson: jest.fn(), apiUrl: (p: string) => p }));
const callMock = call as jest.Mock;

const stale = {
  id: 'w5',
  communityId: 'c2',
  category: 'companionship',
  title: '独居老人周末陪伴',
  status: 'open',
  channel: 'door_visit',
  priority: 'normal',
  createdAt: new Date(Date.now() - 40 * 3600_000).toISOString(),
  openedAt: new Date(Date.now() - 30 * 3600_000).toISOString(),
  escalation: { level: 'secretary', at: new Date().toISOString() },
};

beforeEach(() => callMock.mockReset());

test('a secretary sees how long a wish has waited and dispatches it to a volunteer', async () => {
  actAs('secretary');
  routeCalls(callMock, {
    'dispatch.escalations': { items: [stale] },
    'org.grids': { items: [] },
    'dispatch.candidates': { helpers: [{ kind: 'user', id: 'v1', name: '陈志强', roles: ['volunteer'], load: 1, distanceM: 300 }], units: [], maxOpenTasks: 5, at: new Date().toISOString() },
    'dispatch.assign': { wish: { ...stale, status: 'assigned' } },
  });
  render(<EscalationsPage />);

  expect(await screen.findByText('已等待 30 小时无人认领')).toBeInTheDocument();
  expect(screen.getByText('已上报社区')).toBeInTheDocument();

  fireEvent.click(screen.getByText('立即派单'));
  fireEvent.click(await screen.findByText('陈志强'));
  fireEvent.click(screen.getByText('派给 陈志强'));

  await waitFor(() => expect(screen.queryByText('独居老人周末陪伴')).not.toBeInTheDocument());
  expect(callsTo(callMock, 'dispatch', 'assign')[0][2]).toEqual({ wishId: 'w5', assignTo: { kind: 'user', id: 'v1' } });
});

test('a wish claimed meanwhile is shown as claimed, not failed', async () => {
  actAs('secretary');
  routeCalls(callMock, {
    'dispatch.escalations': { items: [stale] },
    'org.grids': { items: [] },
    'dispatch.candidates': { helpers: [], units: [{ kind: 'unit', id: 'u1', name: '县供电公司', unitKind: 'enterprise', load: 0 }], maxOpenTasks: 5, at: new Date().toISOString() },
    'dispatch.assign': () => {
      throw new AppError('ALREADY_CLAIMED', '心愿已有人认领，不能再派单');
    },
    'wishes.detail': detailReply({ ...stale, status: 'claimed', claims: [{ claimerId: 'u-other' }] }, actors.secretary()),
  });
  render(<EscalationsPage />);
  fireEvent.click(await screen.findByText('立即派单'));
  fireEvent.click(screen.getByText('指派共建单位'));
  fireEvent.click(await screen.findByText('县供电公司'));
  fireEvent.click(screen.getByText('派给 县供电公司'));

  expect(await screen.findByText('该心愿已被其他人处理，当前状态：已认领')).toBeInTheDocument();
  expect(screen.queryByText('立即派单')).not.toBeInTheDocument();
});

test('a town admin watches across communities without dispatch buttons', async () => {
  actAs('town_admin');
  routeCalls(callMock, {
    'dispatch.escalations': { items: [{ ...stale, escalation: { level: 'town', at: stale.createdAt } }] },
    'org.community': { community: null, communities: [{ id: 'c2', name: '桃源社区' }] },
    'org.grids': () => {
      throw new AppError('FORBIDDEN', '');
    },
  });
  render(<EscalationsPage />);

  expect(await screen.findByText('社区：桃源社区')).toBeInTheDocument();
  expect(screen.getByText('已上报镇街')).toBeInTheDocument();
  expect(screen.queryByText('立即派单')).not.toBeInTheDocument();
  expect(callsTo(callMock, 'dispatch', 'escalations')[0][2]).toEqual({ level: 'town' });
});

test('nothing overdue is good news', async () => {
  actAs('secretary');
  routeCalls(callMock, { 'dispatch.escalations': { items: [] }, 'org.grids': { items: [] } });
  render(<EscalationsPage />);
  expect(await screen.findByText('暂无超时未认领的心愿')).toBeInTheDocument();
});

test('the town urges from its escalation list; the community then reads the 督办 on the same wish', async () => {
  const raised = { ...stale, communityId: 'com-taoyuan', escalation: { level: 'town', at: new Date().toISOString() } };
  const urged = [{ action: 'urge', at: new Date().toISOString(), note: '请今天内安排' }];
  actAs('town_admin');
  routeCalls(callMock, {
    'dispatch.escalations': { items: [raised], supervision: {} },
    'org.community': { community: null, town: { id: 't1', name: '花园镇' }, communities: [{ id: 'com-taoyuan', name: '桃源社区' }, { id: 'com-huayuanjie', name: '花园街社区' }] },
    'org.grids': { items: [] },
    'dispatch.urge': { wish: raised },
  });
  const { unmount } = render(<EscalationsPage />);
  fireEvent.click(await screen.findByText('催办'));
  fireEvent.input(screen.getByLabelText('催办内容'), { target: { value: '请今天内安排' } });
  fireEvent.click(screen.getByText('发送催办'));
  expect(await screen.findByText('已催办「独居老人周末陪伴」')).toBeInTheDocument();
  expect(callsTo(callMock, 'dispatch', 'urge')[0][2]).toEqual({ wishId: 'w5', note: '请今天内安排' });
  // The town reads and supervises; it does not dispatch as the community.
  expect(screen.queryByText('立即派单')).not.toBeInTheDocument();
  unmount();

  actAs('secretary');
  routeCalls(callMock, { 'dispatch.escalations': { items: [raised], supervision: { w5: urged } }, 'org.grids': { items: [] } });
  render(<EscalationsPage />);
  expect(await screen.findByText(/镇街督办：已催办 1 次 · 最近：镇街催办/)).toBeInTheDocument();
  expect(screen.queryByText('催办')).not.toBeInTheDocument();
});
