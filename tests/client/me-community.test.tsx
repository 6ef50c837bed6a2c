import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import MePage from '../../client/src/pages/me/index';
import { taroMock } from './__mocks__/taro';
import { fakeServer } from './support/fakeServer';
import { getSession, membership, refreshMe, rolesOf } from '../../client/src/services/session';

/** A person in two communities (issue 13.4) picks on 我的 the one they act in; roles and screens follow it. */
const memberships = [
  { communityId: 'c-tao', townId: 't1', roles: ['volunteer'], unitId: 'unit-wuye' },
  { communityId: 'c-hyj', townId: 't1', roles: ['resident'] },
];
const communities = [{ id: 'c-tao', name: '桃源社区' }, { id: 'c-hyj', name: '花园街社区' }];
const zhou = (communityId: string) => ({ id: 'u-zj', name: '周建', memberships, communities, communityId, roles: communityId === 'c-tao' ? ['volunteer'] : ['resident'], gridIds: [] });

beforeEach(async () => {
  taroMock.storage.set('xy.token', 'token-zj');
  fakeServer({}, { 'auth/me': () => ({ user: zhou('c-tao') }) });
  await refreshMe();
});

test('holds only the roles of the community acted in', () => {
  expect(rolesOf(getSession()!.user)).toEqual(['volunteer']);
  expect(membership()).toMatchObject({ communityId: 'c-tao', unitId: 'unit-wuye' });
});

test('picks 花园街社区 on 我的: the server is told, and the session becomes a resident of it', async () => {
  const server = fakeServer({ 'org.actIn': (d) => ({ user: zhou(String(d.communityId)) }), 'org.myDuty': () => ({ duty: { slots: [], urgentAlerts: false } }) });
  render(<MePage />);
  const choices = screen.getByRole('radiogroup', { name: '所在社区' });
  expect(screen.getByRole('radio', { name: '桃源社区' })).toHaveAttribute('aria-checked', 'true');
  expect(choices).toHaveTextContent('花园街社区');

  fireEvent.click(screen.getByRole('radio', { name: '花园街社区' }));
  await waitFor(() => expect(getSession()!.user.communityId).toBe('c-hyj'));
  expect(server.calls.find((c) => c.route === 'org.actIn')!.data).toEqual({ communityId: 'c-hyj' });
  expect(getSession()!.activeRole).toBe('resident');
  expect(membership()).toMatchObject({ communityId: 'c-hyj' });
});

test('someone in one community is offered no switch', async () => {
  fakeServer({}, { 'auth/me': () => ({ user: { ...zhou('c-tao'), memberships: [memberships[0]], communities: [communities[0]] } }) });
  await refreshMe();
  fakeServer({ 'org.myDuty': () => ({ duty: { slots: [], urgentAlerts: false } }) });
  render(<MePage />);
  expect(screen.queryByRole('radiogroup', { name: '所在社区' })).toBeNull();
});
