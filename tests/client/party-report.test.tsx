import { fireEvent, render, screen } from '@testing-library/react';
import { AppError } from '@shared/errors';
import MePage from '../../client/src/pages/me/index';
import { taroMock } from './__mocks__/taro';
import { fakeServer } from './support/fakeServer';
import { refreshMe } from '../../client/src/services/session';

/** 党员报到 on 我的 (issue 13.4): an in-service party member reports to the branch where they live. */
const party = { id: 'u-pm', name: '彭卫国', memberships: [{ communityId: 'c1', roles: ['resident', 'party_member'], unitId: 'unit-fuyou' }] };
const branches = {
  items: [
    { id: 'p0', level: 'town', name: '花园镇党委', townId: 't1' },
    { id: 'p1', level: 'community', name: '桃源社区党总支', parentId: 'p0', townId: 't1', communityId: 'c1' },
    { id: 'p2', level: 'building', name: 'G5栋党小组', parentId: 'p1', townId: 't1', communityId: 'c1' },
    { id: 'p3', level: 'unit', name: '妇幼保健院党支部', parentId: 'p1', townId: 't1', communityId: 'c1', unitId: 'unit-fuyou' },
  ],
};

beforeEach(async () => {
  taroMock.storage.set('xy.token', 'token-pm');
  fakeServer({}, { 'auth/me': () => ({ user: party }) });
  await refreshMe();
});

test('a party member picks the 党小组 where they live and reports; the card then says where they reported', async () => {
  let refuse = true;
  const server = fakeServer(
    {
      'org.partyBranches': () => branches,
      'org.myDuty': () => ({ duty: { slots: [], urgentAlerts: false } }),
      'org.report': (d) => {
        if (refuse) throw new AppError('VALIDATION_FAILED', '输入有误', { fields: [{ path: 'partyBranchId', message: '本社区没有这个党组织' }] });
        return { member: { user: { id: 'u-pm', name: '彭卫国' }, roles: ['resident', 'party_member'], unitId: 'unit-fuyou', partyBranchId: d.partyBranchId, reportedAt: '2026-12-06T09:00:00Z' } };
      },
    },
    { 'auth/me': () => ({ user: party }) },
  );
  render(<MePage />);
  expect(await screen.findByText('在职党员请向居住地的党组织报到，服务同时计入单位和社区')).toBeInTheDocument();
  const choices = await screen.findByRole('radiogroup', { name: '居住地党组织' });
  // The town committee and units' branches are not where anyone lives.
  expect(choices).not.toHaveTextContent('花园镇党委');
  expect(choices).not.toHaveTextContent('妇幼保健院党支部');

  fireEvent.click(screen.getByText('报到'));
  expect(await screen.findByRole('alert')).toHaveTextContent('请选择您居住地的党组织');
  expect(server.calls.some((c) => c.route === 'org.report')).toBe(false);

  fireEvent.click(screen.getByText('G5栋党小组'));
  fireEvent.click(screen.getByText('报到'));
  expect(await screen.findByRole('alert')).toHaveTextContent('本社区没有这个党组织');
  refuse = false;
  fireEvent.click(screen.getByText('报到'));
  expect(await screen.findByText('已向「G5栋党小组」报到')).toBeInTheDocument();
  expect(screen.getByText('已报到：G5栋党小组')).toBeInTheDocument();
  expect(server.calls.filter((c) => c.route === 'org.report').at(-1)!.data).toEqual({ partyBranchId: 'p2' });
});
