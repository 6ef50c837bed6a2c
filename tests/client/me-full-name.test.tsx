import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { AppError } from '@shared/errors';
import MePage from '../../client/src/pages/me/index';
import { taroMock } from './__mocks__/taro';
import { fakeServer } from './support/fakeServer';
import { refreshMe } from '../../client/src/services/session';

/** L5 of issue 11: a helper chooses on 我的 whether the wall and the leaderboard name them in full. */
const volunteer = { id: 'u-vol', name: '李志愿', memberships: [{ communityId: 'c1', roles: ['volunteer'] }] };

/** The session as the server states it (the session module keeps one in memory across tests). */
async function signedInAs(user: object) {
  fakeServer({}, { 'auth/me': () => ({ user }) });
  await refreshMe();
}

beforeEach(async () => {
  taroMock.storage.set('xy.token', 'token-vol');
  await signedInAs(volunteer);
});

const fullNameSwitch = () => screen.getByText('心愿墙显示我的全名').closest('.card')!.querySelector('input')! as HTMLInputElement;

test('off by default; turning it on asks the server and keeps what it answers', async () => {
  const server = fakeServer({ 'org.updateMe': (d) => ({ user: { ...volunteer, roles: ['volunteer'], gridIds: [], showFullName: d.showFullName } }) });
  render(<MePage />);
  expect(fullNameSwitch().checked).toBe(false);
  expect(screen.getByText('关闭时只显示姓氏，如“张*”')).toBeInTheDocument();

  fireEvent.click(fullNameSwitch());
  // Other cards of 我的 (值班时间) read their own data; the switch sends exactly one change.
  await waitFor(() => expect(server.calls.filter((c) => c.route === 'org.updateMe').map((c) => [c.route, c.data])).toEqual([['org.updateMe', { showFullName: true }]]));
  expect(await screen.findByText('心愿墙和排行榜上显示“李志愿”')).toBeInTheDocument();
  await waitFor(() => expect((taroMock.storage.get('xy.session') as { user: { showFullName?: boolean } }).user.showFullName).toBe(true));
});

test('a refused change puts the switch back and says why', async () => {
  fakeServer({ 'org.updateMe': () => { throw new AppError('RATE_LIMITED', '操作太频繁'); } });
  render(<MePage />);
  fireEvent.click(fullNameSwitch());
  await waitFor(() => expect(taroMock.toasts.length).toBeGreaterThan(0));
  expect(fullNameSwitch().checked).toBe(false);
});

test('a resident, who helps nobody, is not offered the choice', async () => {
  await signedInAs({ ...volunteer, memberships: [{ communityId: 'c1', roles: ['resident'] }] });
  render(<MePage />);
  expect(screen.queryByText('心愿墙显示我的全名')).toBeNull();
});
