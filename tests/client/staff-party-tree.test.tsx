import { fireEvent, render, screen, within } from '@testing-library/react';
import { AppError } from '@shared/errors';
import { call } from '../../client/src/services/api';
import OrgPage from '../../client/src/packages/staff/pages/org/index';
import { actAs, callsTo, routeCalls } from './staff-helpers';

jest.mock('../../client/src/services/api', () => ({ call: jest.fn(), httpJson: jest.fn(), apiUrl: (p: string) => p }));
const callMock = call as jest.Mock;

const branches = [
  { id: 'p0', level: 'town', name: '城关镇党委', townId: 't1' },
  { id: 'p1', level: 'community', name: '狮子山社区党总支', parentId: 'p0', townId: 't1', communityId: 'c1' },
  { id: 'p2', level: 'compound', name: '香城苑小区党支部', parentId: 'p1', townId: 't1', communityId: 'c1' },
  { id: 'p3', level: 'compound', name: '锦绣小区党支部', parentId: 'p1', townId: 't1', communityId: 'c1' },
  { id: 'p4', level: 'building', name: '1栋党小组', parentId: 'p2', townId: 't1', communityId: 'c1' },
];
const routes = (over: Record<string, unknown> = {}) => ({
  'org.compounds': { items: [] },
  'org.buildings': { items: [] },
  'org.grids': { items: [] },
  'org.partyBranches': { items: branches },
  'org.members': { items: [] },
  'org.units': { items: [{ id: 'u1', name: '县妇幼保健院', communityId: 'c1', kind: 'public_institution' }] },
  ...over,
});

beforeEach(() => {
  callMock.mockReset();
  actAs('secretary');
});

test('the party tree reads top down, and only the community’s own branches offer edits', async () => {
  routeCalls(callMock, routes());
  render(<OrgPage />);
  expect(await screen.findByText('1栋党小组')).toBeInTheDocument();
  const names = screen.getAllByText(/党委|党总支|党支部|党小组$/, { selector: '.staff-org__branch > span:not(.staff-org__level), .staff-org__branch > *:nth-child(2)' }).map((n) => n.textContent);
  expect(names.filter((n) => branches.some((b) => b.name === n))).toEqual(['城关镇党委', '狮子山社区党总支', '香城苑小区党支部', '1栋党小组', '锦绣小区党支部']);
  expect(screen.queryByLabelText('改名：城关镇党委')).toBeNull();
  expect(screen.getByLabelText('改名：1栋党小组')).toBeInTheDocument();
  // The 党总支 is put under the town by the town; it is renamed or closed here, not moved.
  expect(screen.queryByLabelText('调整上级：狮子山社区党总支')).toBeNull();
});

test('creates a 楼栋党小组 under the 党支部 chosen, sending level, parent and name', async () => {
  routeCalls(callMock, routes({ 'org.saveBranch': (d: Record<string, unknown>) => ({ branch: { id: 'p9', townId: 't1', ...d } }) }));
  render(<OrgPage />);
  await screen.findByText('1栋党小组');
  fireEvent.click(within(screen.getByRole('radiogroup', { name: '党组织层级' })).getByText('楼栋党小组'));
  // Only branches of the level above are offered as its parent.
  const parents = within(screen.getByRole('radiogroup', { name: '上级党组织' }));
  expect(parents.queryByText('狮子山社区党总支')).toBeNull();
  fireEvent.click(parents.getByText('锦绣小区党支部'));
  fireEvent.input(screen.getByLabelText('新增楼栋党小组名称'), { target: { value: '2栋党小组' } });
  fireEvent.click(screen.getAllByText('添加').at(-1)!);
  expect(await screen.findByText('已新增「2栋党小组」')).toBeInTheDocument();
  expect(callsTo(callMock, 'org', 'saveBranch')[0][2]).toEqual({ name: '2栋党小组', level: 'building', parentId: 'p3' });
});

test('moves a 党小组 to another 党支部, and shows why the server refused a move', async () => {
  let refuse = true;
  routeCalls(callMock, routes({
    'org.saveBranch': () => {
      if (refuse) throw new AppError('VALIDATION_FAILED', '输入有误', { fields: [{ path: 'parentId', message: '上级党组织「锦绣小区党支部」已撤销' }] });
      return { branch: branches[4] };
    },
  }));
  render(<OrgPage />);
  fireEvent.click(await screen.findByLabelText('调整上级：1栋党小组'));
  const choices = within(screen.getByRole('radiogroup', { name: '新的上级党组织' }));
  expect(choices.queryByText('1栋党小组')).toBeNull();
  fireEvent.click(choices.getByText('锦绣小区党支部'));
  fireEvent.click(screen.getByText('确认调整'));
  expect(await screen.findByText('上级党组织「锦绣小区党支部」已撤销')).toBeInTheDocument();
  refuse = false;
  fireEvent.click(screen.getByText('确认调整'));
  expect(await screen.findByText('已把「1栋党小组」调整到新的上级')).toBeInTheDocument();
  expect(callsTo(callMock, 'org', 'saveBranch').at(-1)![2]).toEqual({ id: 'p4', parentId: 'p3' });
});

test('closes a 党支部 moving its members to the branch chosen', async () => {
  routeCalls(callMock, routes({ 'org.closeBranch': () => ({ branch: branches[3], movedMembers: 2 }) }));
  render(<OrgPage />);
  fireEvent.click(await screen.findByLabelText('撤销：锦绣小区党支部'));
  fireEvent.click(within(screen.getByRole('radiogroup', { name: '成员转到' })).getByText('香城苑小区党支部'));
  fireEvent.click(screen.getByText('确认撤销'));
  expect(await screen.findByText('已撤销「锦绣小区党支部」')).toBeInTheDocument();
  expect(callsTo(callMock, 'org', 'closeBranch')[0][2]).toEqual({ id: 'p3', moveMembersTo: 'p2' });
});

test('a party member is put in a branch from the members screen', async () => {
  routeCalls(callMock, routes({
    'org.members': { items: [{ user: { id: 'm1', name: '彭卫国' }, roles: ['resident', 'party_member'] }] },
    'org.roles': (d: Record<string, unknown>) => ({ member: { user: { id: 'm1', name: '彭卫国' }, roles: d.roles, partyBranchId: d.partyBranchId } }),
  }));
  render(<OrgPage />);
  fireEvent.click(screen.getByText('成员角色'));
  fireEvent.click(await screen.findByText('调整角色'));
  fireEvent.click(within(await screen.findByRole('radiogroup', { name: '所在党组织' })).getByText('1栋党小组'));
  fireEvent.click(screen.getByText('保存角色'));
  await screen.findByText('调整角色');
  expect(callsTo(callMock, 'org', 'roles')[0][2]).toEqual({ userId: 'm1', roles: ['resident', 'party_member'], partyBranchId: 'p4' });
});
