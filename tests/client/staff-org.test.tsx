import { fireEvent, render, screen, within } from '@testing-library/react';
import { AppError } from '@shared/errors';
import { call } from '../../client/src/services/api';
import OrgPage from '../../client/src/packages/staff/pages/org/index';
import { actAs, callsTo, routeCalls } from './staff-helpers';

jest.mock('../../client/src/services/api', () => ({ call: jest.fn(), httpJson: jest.fn(), apiUrl: (p: string) => p }));
const callMock = call as jest.Mock;

const tree = {
  'org.compounds': { items: [{ id: 'k1', name: '香城苑' }] },
  'org.buildings': { items: [{ id: 'b1', name: '1栋', compoundId: 'k1' }, { id: 'b2', name: '2栋', compoundId: 'k1' }] },
  'org.grids': { items: [{ id: 'g1', name: '第一网格', gridWorkerId: 'gw1', buildingIds: ['b1', 'b2'] }] },
  'org.partyBranches': {
    items: [
      { id: 'p0', level: 'town', name: '城关镇党委' },
      { id: 'p1', level: 'community', name: '狮子山社区党总支' },
      { id: 'p2', level: 'compound', name: '香城苑小区党支部' },
    ],
  },
};

beforeEach(() => {
  callMock.mockReset();
  actAs('secretary');
});

test('shows compounds with buildings, grids with their grid worker, and the party tree', async () => {
  routeCalls(callMock, { ...tree, 'org.members': { items: [{ id: 'gw1', name: '刘网格', roles: ['grid_worker'] }] } });
  render(<OrgPage />);

  expect(await screen.findByText('1栋、2栋')).toBeInTheDocument();
  expect(screen.getByText('香城苑', { selector: '.staff-org__name' })).toBeInTheDocument();
  expect(screen.getByText('网格员：刘网格 · 楼栋 2 栋')).toBeInTheDocument();
  expect(screen.getByText('城关镇党委')).toBeInTheDocument();
  expect(screen.getByText('小区党支部')).toBeInTheDocument();
});

test('grants a role to a member, and shows the refusal when the server says no', async () => {
  let refuse = false;
  routeCalls(callMock, {
    ...tree,
    'org.members': { items: [{ id: 'm1', name: '陈志强', roles: ['resident'] }] },
    'org.roles': (d: Record<string, unknown>) => {
      if (refuse) throw new AppError('FORBIDDEN', '');
      return { member: { id: 'm1', name: '陈志强', roles: d.roles } };
    },
  });
  render(<OrgPage />);
  fireEvent.click(screen.getByText('成员角色'));
  fireEvent.click(await screen.findByText('调整角色'));
  fireEvent.click(screen.getByRole('checkbox', { name: '党员' }));
  fireEvent.click(screen.getByText('保存角色'));

  expect(await screen.findByText('居民、党员')).toBeInTheDocument();
  expect(callsTo(callMock, 'org', 'roles')[0][2]).toEqual({ userId: 'm1', roles: ['resident', 'party_member'] });

  refuse = true;
  fireEvent.click(screen.getByText('调整角色'));
  fireEvent.click(screen.getByRole('checkbox', { name: '党员' }));
  fireEvent.click(screen.getByText('保存角色'));
  expect(await screen.findByText('您没有权限进行此操作')).toBeInTheDocument();
});

test('creates an invite code and shows it large enough to read out', async () => {
  routeCalls(callMock, {
    ...tree,
    'org.members': { items: [] },
    'org.invites': (d: Record<string, unknown>) => ({ code: 'K7MPQ2XA', role: d.role, maxUses: d.maxUses, expiresAt: '2026-11-25T03:00:00Z' }),
  });
  render(<OrgPage />);
  await screen.findByText('1栋、2栋');
  fireEvent.click(screen.getByText('邀请码'));
  await screen.findByText('新建邀请码');
  fireEvent.click(screen.getByText('党员'));
  fireEvent.click(screen.getByText('7天'));
  fireEvent.click(screen.getByText('生成邀请码'));

  expect(await screen.findByText('K7MPQ2XA')).toBeInTheDocument();
  expect(callsTo(callMock, 'org', 'invites')[0][2]).toEqual({ role: 'party_member', expiresInHours: 168, maxUses: 10 });
});

test('a unit needs a name before it is saved', async () => {
  routeCalls(callMock, { ...tree, 'org.members': { items: [] }, 'org.units': { items: [] } });
  render(<OrgPage />);
  await screen.findByText('1栋、2栋');
  fireEvent.click(screen.getByText('共建单位'));
  fireEvent.click(await screen.findByText('保存单位'));

  const nameField = screen.getByLabelText('单位名称').parentElement as HTMLElement;
  expect(within(nameField).getByRole('alert')).toHaveTextContent('不能为空');
  expect(callsTo(callMock, 'org', 'saveUnit')).toHaveLength(0);
});
