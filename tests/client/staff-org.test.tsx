import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { AppError } from '@shared/errors';
import { call } from '../../client/src/services/api';
import OrgPage from '../../client/src/packages/staff/pages/org/index';
import { inviteLink } from '../../client/src/services/nav';
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
  routeCalls(callMock, { ...tree, 'org.members': { items: [{ user: { id: 'gw1', name: '刘网格' }, roles: ['grid_worker'] }] } });
  render(<OrgPage />);

  expect(await screen.findByText('1栋、2栋')).toBeInTheDocument();
  expect(screen.getByText('香城苑', { selector: '.staff-org__name' })).toBeInTheDocument();
  expect(screen.getByText('网格员：刘网格 · 楼栋 2 栋')).toBeInTheDocument();
  expect(screen.getByText('城关镇党委')).toBeInTheDocument();
  expect(screen.getByText('小区党支部', { selector: '.staff-org__level' })).toBeInTheDocument();
});

test('grants a role to a member, and shows the refusal when the server says no', async () => {
  let refuse = false;
  routeCalls(callMock, {
    ...tree,
    'org.members': { items: [{ user: { id: 'm1', name: '陈志强' }, roles: ['resident'] }] },
    'org.roles': (d: Record<string, unknown>) => {
      if (refuse) throw new AppError('FORBIDDEN', '');
      return { member: { user: { id: 'm1', name: '陈志强' }, roles: d.roles } };
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

test('taking a unit’s last admin role away tells the secretary how much work went back to wait for a taker', async () => {
  const admin = { user: { id: 'm3', name: '王院长' }, roles: ['resident', 'unit_admin'], unitId: 'unit-fuyou' };
  routeCalls(callMock, {
    ...tree,
    'org.members': { items: [admin] },
    'org.roles': (d: Record<string, unknown>) => ({ member: { ...admin, roles: d.roles }, vacated: (d.roles as string[]).includes('unit_admin') ? 0 : 2 }),
  });
  render(<OrgPage />);
  fireEvent.click(screen.getByText('成员角色'));
  fireEvent.click(await screen.findByText('调整角色'));
  fireEvent.click(screen.getByRole('checkbox', { name: '单位管理员' }));
  fireEvent.click(screen.getByText('保存角色'));

  expect(await screen.findByRole('status')).toHaveTextContent('已收回 2 项未完成的工作，重新等待认领');
  expect(screen.getByText('居民', { selector: '.staff-org__sub' })).toBeInTheDocument();

  // A change that took nothing back says nothing; the old sentence goes with the next edit.
  fireEvent.click(screen.getByText('调整角色'));
  expect(screen.queryByRole('status')).toBeNull();
  fireEvent.click(screen.getByRole('checkbox', { name: '单位管理员' }));
  fireEvent.click(screen.getByText('保存角色'));
  expect(await screen.findByText('居民、单位管理员')).toBeInTheDocument();
  expect(screen.queryByText(/已收回/)).toBeNull();
});

test('creates an invite code and shows it large enough to read out', async () => {
  routeCalls(callMock, {
    ...tree,
    'org.members': { items: [] },
    'org.invites': (d: Record<string, unknown>) => ({ code: 'K7MPQ2XA', role: d.role, maxUses: d.maxUses, expiresAt: '2026-11-25T03:00:00Z' }),
    'org.listInvites': { items: [] },
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

test('a secretary registers a town-level unit, which the town may then dispatch to', async () => {
  routeCalls(callMock, {
    ...tree,
    'org.members': { items: [] },
    'org.units': { items: [] },
    'org.saveUnit': (d: Record<string, unknown>) => ({ unit: { id: 'u-new', communityId: 'c1', ...d } }),
  });
  render(<OrgPage />);
  await screen.findByText('1栋、2栋');
  fireEvent.click(screen.getByText('共建单位'));
  fireEvent.input(await screen.findByLabelText('单位名称'), { target: { value: '花园镇卫生院' } });
  fireEvent.click(screen.getByRole('radio', { name: '事业单位' }));
  fireEvent.click(screen.getByRole('radio', { name: '镇级共建单位' }));
  fireEvent.click(screen.getByText('保存单位'));
  expect(await screen.findByText('已添加共建单位「花园镇卫生院」')).toBeInTheDocument();
  expect(callsTo(callMock, 'org', 'saveUnit')[0][2]).toEqual({ name: '花园镇卫生院', kind: 'public_institution', level: 'town' });
});

const invite = (over: Record<string, unknown>) => ({
  role: 'volunteer', uses: 0, maxUses: 10, expiresAt: '2026-11-25T03:00:00Z', createdAt: '2026-11-22T03:00:00Z', createdBy: 'u-staff', createdByName: '李书记', ...over,
});

test('lists the community’s invite codes with their state, and revokes one after asking again', async () => {
  const active = [invite({ code: 'ACTIVE01', state: 'active', uses: 3 }), invite({ code: 'ACTIVE02', state: 'active', role: 'resident' })];
  routeCalls(callMock, {
    ...tree,
    'org.members': { items: [] },
    'org.listInvites': (d: Record<string, unknown>) =>
      d.state === 'active' ? { items: active } : { items: [...active, invite({ code: 'GONE0001', state: 'revoked', revokedAt: '2026-11-22T04:00:00Z' })] },
    'org.revokeInvite': (d: Record<string, unknown>) => ({ invite: invite({ code: d.code, state: 'revoked', revokedAt: '2026-11-22T05:00:00Z' }) }),
  });
  render(<OrgPage />);
  await screen.findByText('1栋、2栋');
  fireEvent.click(screen.getByText('邀请码'));

  const first = await screen.findByLabelText('邀请码 ACTIVE01');
  expect(within(first).getByText('有效')).toBeInTheDocument();
  expect(within(first).getByText(/志愿者 · 已用 3\/10 人/)).toBeInTheDocument();
  expect(callsTo(callMock, 'org', 'listInvites')[0][2]).toEqual({ limit: 50, state: 'active' });

  fireEvent.click(within(first).getByText('撤销'));
  expect(callsTo(callMock, 'org', 'revokeInvite')).toHaveLength(0);
  fireEvent.click(within(first).getByText('确认撤销'));
  await waitFor(() => expect(screen.queryByLabelText('邀请码 ACTIVE01')).not.toBeInTheDocument());
  expect(callsTo(callMock, 'org', 'revokeInvite')[0][2]).toEqual({ code: 'ACTIVE01' });
  expect(screen.getByLabelText('邀请码 ACTIVE02')).toBeInTheDocument();

  fireEvent.click(screen.getByRole('radio', { name: '全部' }));
  const revoked = await screen.findByLabelText('邀请码 GONE0001');
  expect(within(revoked).getByText('已撤销')).toBeInTheDocument();
  expect(within(revoked).queryByText('撤销')).not.toBeInTheDocument();
});

test('a code just made appears under 已有邀请码 at once, without a reload', async () => {
  const codes = [invite({ code: 'OLDCODE1', state: 'active' })];
  routeCalls(callMock, {
    ...tree,
    'org.members': { items: [] },
    'org.invites': (d: Record<string, unknown>) => {
      const made = invite({ code: 'NEWCODE7', state: 'active', role: d.role, maxUses: d.maxUses });
      codes.unshift(made);
      return { code: 'NEWCODE7', role: d.role, maxUses: d.maxUses, expiresAt: made.expiresAt };
    },
    'org.listInvites': () => ({ items: [...codes] }),
  });
  render(<OrgPage />);
  await screen.findByText('1栋、2栋');
  fireEvent.click(screen.getByText('邀请码'));
  await screen.findByLabelText('邀请码 OLDCODE1');
  fireEvent.click(screen.getByText('生成邀请码'));

  const listed = await screen.findByLabelText('邀请码 NEWCODE7', {}, { timeout: 5000 });
  expect(within(listed).getByText('有效')).toBeInTheDocument();
  expect(screen.getByLabelText('邀请码 OLDCODE1')).toBeInTheDocument();
});

const pending = [
  { id: 'jr1', communityId: 'c1', userId: 'u9', name: '王小明', phone: '13912340001', note: '住3栋，想做志愿者', roles: ['resident', 'volunteer'], status: 'pending', createdAt: '2026-11-22T03:00:00Z' },
  { id: 'jr2', communityId: 'c1', userId: 'u8', name: '赵强', roles: ['resident'], status: 'pending', createdAt: '2026-11-22T02:00:00Z' },
];

test('approves a join request with the roles the secretary chooses', async () => {
  routeCalls(callMock, {
    ...tree,
    'org.joinRequests': { items: pending },
    'org.decideJoin': (d: Record<string, unknown>) => ({ request: { ...pending[0], status: 'approved', grantedRoles: d.roles } }),
  });
  render(<OrgPage />);
  await screen.findByText('1栋、2栋');
  fireEvent.click(screen.getByText('入社申请'));

  const wang = await screen.findByLabelText('王小明的申请');
  expect(within(wang).getByText('申请身份：居民、志愿者 · 13912340001')).toBeInTheDocument();
  expect(within(wang).getByText('留言：住3栋，想做志愿者')).toBeInTheDocument();
  fireEvent.click(within(wang).getByText('通过'));
  expect(within(wang).getByRole('checkbox', { name: '志愿者' })).toHaveAttribute('aria-checked', 'true');
  fireEvent.click(within(wang).getByRole('checkbox', { name: '志愿者' }));
  fireEvent.click(within(wang).getByRole('checkbox', { name: '党员' }));
  fireEvent.click(within(wang).getByText('确认通过'));

  await waitFor(() => expect(screen.queryByLabelText('王小明的申请')).not.toBeInTheDocument());
  const [, , data, opts] = callsTo(callMock, 'org', 'decideJoin')[0];
  expect(data).toEqual({ requestId: 'jr1', approve: true, roles: ['resident', 'party_member'] });
  expect(opts.requestId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  expect(screen.getByLabelText('赵强的申请')).toBeInTheDocument();
});

test('a rejection needs a reason; one decided elsewhere first is re-read, not shown as an error', async () => {
  let decidedElsewhere = false;
  routeCalls(callMock, {
    ...tree,
    'org.joinRequests': () => ({ items: decidedElsewhere ? [pending[0]] : pending }),
    'org.decideJoin': (d: Record<string, unknown>) => {
      if (d.requestId === 'jr2') {
        decidedElsewhere = true;
        throw new AppError('CONFLICT', '该申请已被处理');
      }
      return { request: { ...pending[0], status: 'rejected', reason: d.reason } };
    },
  });
  render(<OrgPage />);
  await screen.findByText('1栋、2栋');
  fireEvent.click(screen.getByText('入社申请'));

  const wang = await screen.findByLabelText('王小明的申请');
  fireEvent.click(within(wang).getByText('拒绝'));
  fireEvent.click(within(wang).getByText('确认拒绝'));
  expect(within(wang).getByRole('alert')).toHaveTextContent('拒绝时请填写原因，申请人会看到');
  expect(callsTo(callMock, 'org', 'decideJoin')).toHaveLength(0);

  fireEvent.change(within(wang).getByLabelText('拒绝原因（申请人会看到）'), { target: { value: '请先到居委会登记住址' } });
  fireEvent.click(within(wang).getByText('确认拒绝'));
  await waitFor(() => expect(screen.queryByLabelText('王小明的申请')).not.toBeInTheDocument());
  expect(callsTo(callMock, 'org', 'decideJoin')[0][2]).toEqual({ requestId: 'jr1', approve: false, reason: '请先到居委会登记住址' });

  const zhao = screen.getByLabelText('赵强的申请');
  fireEvent.click(within(zhao).getByText('通过'));
  fireEvent.click(within(zhao).getByText('确认通过'));
  await waitFor(() => expect(screen.queryByLabelText('赵强的申请')).not.toBeInTheDocument());
  expect(screen.queryByRole('alert')).not.toBeInTheDocument();
});

const settings = { leaseHours: 24, maxExtensions: 2, escalateToSecretaryHours: 24, escalateToTownHours: 72, autoConfirmDays: 3, postsPerDay: 5 };

test('changes the community settings, sending only what changed', async () => {
  routeCalls(callMock, {
    ...tree,
    'org.community': { community: { id: 'c1', name: '狮子山社区', settings } },
    'open311.keys': { keys: [] },
    'org.updateSettings': (d: { settings: Record<string, number> }) => ({ community: { id: 'c1', settings: { ...settings, ...d.settings } } }),
  });
  render(<OrgPage />);
  await screen.findByText('1栋、2栋');
  fireEvent.click(screen.getByText('社区设置'));

  const lease = await screen.findByLabelText('认领有效期');
  expect(lease).toHaveValue('24');
  expect(screen.getByLabelText('每人每天可发布')).toHaveValue('5');
  fireEvent.change(lease, { target: { value: '48' } });
  fireEvent.change(screen.getByLabelText('自动确认完成'), { target: { value: '7' } });
  fireEvent.click(screen.getByText('保存设置'));

  expect(await screen.findByText('社区设置已保存')).toBeInTheDocument();
  expect(callsTo(callMock, 'org', 'updateSettings')[0][2]).toEqual({ settings: { leaseHours: 48, autoConfirmDays: 7 } });
});

test('settings the server would refuse are pointed out before saving', async () => {
  routeCalls(callMock, { ...tree, 'org.community': { community: { id: 'c1', name: '狮子山社区', settings } }, 'open311.keys': { keys: [] } });
  render(<OrgPage />);
  await screen.findByText('1栋、2栋');
  fireEvent.click(screen.getByText('社区设置'));

  fireEvent.change(await screen.findByLabelText('无人认领上报镇街'), { target: { value: '12' } });
  fireEvent.change(screen.getByLabelText('认领有效期'), { target: { value: '' } });
  fireEvent.change(screen.getByLabelText('最多延期次数'), { target: { value: '1.5' } });
  fireEvent.click(screen.getByText('保存设置'));

  const townField = screen.getByLabelText('无人认领上报镇街').parentElement as HTMLElement;
  expect(within(townField).getByRole('alert')).toHaveTextContent('上报镇街的时限应晚于上报书记的时限');
  const leaseField = screen.getByLabelText('认领有效期').parentElement as HTMLElement;
  expect(within(leaseField).getByRole('alert')).toHaveTextContent('必填');
  const extensionsField = screen.getByLabelText('最多延期次数').parentElement as HTMLElement;
  expect(within(extensionsField).getByRole('alert')).toHaveTextContent('整数');
  expect(callsTo(callMock, 'org', 'updateSettings')).toHaveLength(0);
});

test('a new code comes with its QR code, and any active one shows it on request: scanning opens the join page with the code', async () => {
  const codes = [invite({ code: 'OLDCODE1', state: 'active' })];
  routeCalls(callMock, {
    ...tree,
    'org.members': { items: [] },
    'org.invites': (d: Record<string, unknown>) => ({ code: 'NEWCODE7', role: d.role, maxUses: d.maxUses, expiresAt: '2026-11-25T03:00:00Z' }),
    'org.listInvites': () => ({ items: [...codes] }),
  });
  render(<OrgPage />);
  await screen.findByText('1栋、2栋');
  fireEvent.click(screen.getByText('邀请码'));
  const old = await screen.findByLabelText('邀请码 OLDCODE1');
  expect(screen.queryByRole('img', { name: '邀请码 OLDCODE1 的二维码' })).toBeNull();
  fireEvent.click(within(old).getByRole('button', { name: '二维码' }));
  expect(within(old).getByRole('img', { name: '邀请码 OLDCODE1 的二维码' })).toBeInTheDocument();
  expect(within(old).getByText(/扫码，以「志愿者」身份加入/)).toBeInTheDocument();

  fireEvent.click(screen.getByText('生成邀请码'));
  expect(await screen.findByRole('img', { name: '邀请码 NEWCODE7 的二维码' })).toBeInTheDocument();
  // What the code carries: this app's own join page with the code (tests run as h5).
  expect(inviteLink('NEWCODE7')).toBe(`${window.location.origin}${window.location.pathname}#/pages/join/index?code=NEWCODE7`);
});

test('the secretary stops a member saying why, sees them marked with the reason, and restores them', async () => {
  const member = { user: { id: 'm2', name: '刘佳' }, roles: ['resident', 'volunteer'] };
  const self = { user: { id: 'u-staff', name: '李书记' }, roles: ['secretary'] };
  routeCalls(callMock, {
    ...tree,
    'org.members': { items: [member, self] },
    'org.deactivate': (d: Record<string, unknown>) => ({ member: { ...member, deactivated: { at: '2026-11-25T03:00:00Z', by: 'u-staff', reason: d.reason } }, vacated: 1 }),
    'org.reactivate': () => ({ member }),
  });
  render(<OrgPage />);
  fireEvent.click(screen.getByText('成员角色'));
  // The secretary can't stop themselves (the server refuses it): no such link on their own row.
  await screen.findByLabelText('停用刘佳');
  expect(screen.queryByLabelText('停用李书记')).toBeNull();
  fireEvent.click(await screen.findByLabelText('停用刘佳'));
  // A reason is required before anything is sent.
  fireEvent.click(screen.getByText('确认停用'));
  expect(await screen.findByText('请填写停用原因')).toBeInTheDocument();
  expect(callsTo(callMock, 'org', 'deactivate')).toHaveLength(0);

  fireEvent.input(screen.getByLabelText('停用原因'), { target: { value: '多次爽约' } });
  fireEvent.click(screen.getByText('确认停用'));
  expect(await screen.findByText('已停用，1 个心愿已退回任务大厅')).toBeInTheDocument();
  expect(callsTo(callMock, 'org', 'deactivate')[0][2]).toEqual({ userId: 'm2', reason: '多次爽约' });
  expect(screen.getByText(/已停用（.*）：多次爽约/)).toBeInTheDocument();
  fireEvent.click(screen.getByText('好的'));

  fireEvent.click(screen.getByLabelText('恢复刘佳'));
  fireEvent.click(screen.getByText('确认恢复'));
  await waitFor(() => expect(screen.queryByText(/已停用（/)).not.toBeInTheDocument());
  expect(callsTo(callMock, 'org', 'reactivate')[0][2]).toEqual({ userId: 'm2' });
});
