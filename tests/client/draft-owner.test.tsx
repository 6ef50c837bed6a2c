/**
 * A phone is often shared: an elder's and her grandson's, the grid office's. What one person started writing is theirs:
 * the next person to sign in on the phone starts from a blank form, and the writer finds their draft when they sign in
 * again.
 */
import { act, fireEvent, screen } from '@testing-library/react';
import { devLogin, logout } from '../../client/src/services/session';
import { taroMock } from './__mocks__/taro';
import { fakeServer } from './support/fakeServer';
import { renderPostForm } from './support/postForm';

const person = (id: string, name: string) => ({
  token: `token-${id}`,
  refreshToken: `refresh-${id}`,
  user: { id, name, memberships: [{ communityId: 'c1', roles: ['resident'] }] },
});

async function signInAs(id: string, name: string) {
  fakeServer({}, { 'auth/dev-login': () => person(id, name) });
  await act(async () => {
    await devLogin(id);
  });
}

beforeEach(() => taroMock.reset());

test('a draft written by one resident is not shown to the next person signed in on the phone, and comes back to its writer', async () => {
  await signInAs('u-grandma', '李桂英');
  const first = renderPostForm();
  await screen.findByText('3号楼');
  fireEvent.change(screen.getByPlaceholderText(/陪同去医院打疫苗/), { target: { value: '想请人帮我换灯泡' } });
  first.unmount();

  act(() => logout());
  await signInAs('u-grandson', '李明');
  const second = renderPostForm();
  await screen.findByText('3号楼');
  expect(screen.queryByDisplayValue('想请人帮我换灯泡')).not.toBeInTheDocument();
  second.unmount();

  act(() => logout());
  await signInAs('u-grandma', '李桂英');
  renderPostForm();
  expect(await screen.findByDisplayValue('想请人帮我换灯泡')).toBeInTheDocument();
});
