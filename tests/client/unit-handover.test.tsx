import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import UnitPage from '../../client/src/packages/helper/pages/unit/index';
import { taroMock } from './__mocks__/taro';
import { fakeServer, wishFixture } from './support/fakeServer';

const admin = { id: 'u-admin', name: '王丽华', memberships: [{ communityId: 'c1', roles: ['unit_admin'], unitId: 'unit-1' }] };

beforeEach(() => {
  taroMock.storage.set('xy.token', 'token-admin');
  taroMock.storage.set('xy.session', { user: admin, activeRole: 'unit_admin' });
});

test('a claim handed to a member shows who holds it, and the button no longer offers the first hand-over', async () => {
  // The unit's claim as the server keeps it: the admin claimed, so the admin holds it until handed over.
  let claim = { claimerId: 'u-admin', kind: 'unit', unitId: 'unit-1', assigneeId: 'u-admin', slots: 1, leaseUntil: '2026-12-07T10:00:00Z', extensions: 0, claimedAt: '2026-12-06T10:00:00Z' };
  const wish = () => wishFixture({ id: 'w-rail', title: '楼梯扶手松动', status: 'claimed', claims: [claim] });
  const server = fakeServer({
    'tasks.mine': () => ({ items: [wish()] }),
    'org.members': () => ({
      items: [
        { user: { id: 'u-member', name: '陈静' }, roles: ['volunteer'], unitId: 'unit-1' },
        { user: { id: 'u-admin', name: '王丽华' }, roles: ['unit_admin'], unitId: 'unit-1' },
      ],
    }),
    'tasks.handover': (d) => {
      claim = { ...claim, assigneeId: String(d.toUserId) };
      return { wish: wish() };
    },
  });
  render(<UnitPage />);

  const card = (await screen.findByText('楼梯扶手松动')).closest('.card') as HTMLElement;
  expect(within(card).getByText(/尚未交给成员/)).toBeInTheDocument();
  fireEvent.click(within(card).getByText('交给成员'));
  // The admin already holds it: only the others are offered.
  expect(within(card).queryByText('王丽华')).not.toBeInTheDocument();
  fireEvent.click(await within(card).findByText('陈静'));

  await waitFor(() => expect(within(card).getByText(/负责人：陈静/)).toBeInTheDocument());
  expect(server.calls.find((c) => c.route === 'tasks.handover')?.data).toEqual({ wishId: 'w-rail', toUserId: 'u-member' });
  expect(within(card).queryByText(/尚未交给成员/)).not.toBeInTheDocument();
  expect(within(card).queryByText('交给成员')).not.toBeInTheDocument();
  expect(within(card).getByText('改交其他成员')).toBeInTheDocument();
});
