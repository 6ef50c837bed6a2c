import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { AppError } from '@shared/errors';
import InboxPage from '../../client/src/pages/inbox/index';
import MePage from '../../client/src/pages/me/index';
import { taroMock } from './__mocks__/taro';
import { fakeServer } from './support/fakeServer';
import { getSession, refreshMe } from '../../client/src/services/session';

/**
 * 暂停服务 (停用): a member their community's secretary deactivated is refused every call there (MEMBER_DEACTIVATED).
 * They read it once, at the top of every page — why, what it means, whom to ask — not a failure per call.
 */
const REASON = '多次爽约，暂停服务待核实';
const communities = [{ id: 'c-tao', name: '桃源社区' }, { id: 'c-hyj', name: '花园街社区' }];
const active = { communityId: 'c-tao', townId: 't1', roles: ['volunteer'] };
const paused = { ...active, deactivated: { at: '2026-12-06T08:00:00.000Z', by: 'u-sec', reason: REASON } };
const liu = (memberships: object[], communityId = 'c-tao') => ({ id: 'u-liu', name: '刘佳', memberships, communities: communities.filter((c) => memberships.some((m: any) => m.communityId === c.id)), communityId, roles: ['volunteer'], gridIds: [] });

/** What the server answers a paused member: the sentence, the community and the reason. */
const refused = () => {
  throw new AppError('MEMBER_DEACTIVATED', `您在桃源社区的成员身份已被停用（原因：${REASON}），如有疑问请联系社区书记`, { communityId: 'c-tao', reason: REASON });
};

async function signedInAs(user: object) {
  fakeServer({}, { 'auth/me': () => ({ user }) });
  await refreshMe();
}

beforeEach(async () => {
  taroMock.storage.set('xy.token', 'token-liu');
  await signedInAs(liu([active]));
});

const banner = () => screen.findByRole('alert', { name: '暂停服务' });

test('paused while signed in: the first refused call brings one banner saying why and whom to ask; the page fails quietly, no toast', async () => {
  const server = fakeServer({ 'notify.inbox': refused, 'notify.read': refused }, { 'auth/me': () => ({ user: liu([paused]) }) });
  render(<InboxPage />);

  const b = await banner();
  expect(b).toHaveTextContent('您在桃源社区的服务已暂停');
  expect(b).toHaveTextContent(`暂停原因：${REASON}`);
  expect(b).toHaveTextContent('如有疑问或希望恢复，请联系桃源社区书记');
  expect(screen.getAllByRole('alert', { name: '暂停服务' })).toHaveLength(1);
  // No failure of its own under it, nor a retry that would only be refused again.
  expect(screen.queryByText('加载失败')).toBeNull();
  expect(screen.queryByRole('button', { name: '重试' })).toBeNull();
  expect(screen.getByText('暂停服务期间，这里的内容暂不显示')).toBeInTheDocument();
  expect(taroMock.toasts).toEqual([]);
  expect(server.calls.filter((c) => c.route === 'auth/me')).toHaveLength(1);
});

test('on 我的, a refused change puts the switch back without a toast; the banner has said it', async () => {
  await signedInAs(liu([paused]));
  const server = fakeServer({ 'org.updateMe': refused, 'org.myDuty': refused }, { 'auth/me': () => ({ user: liu([paused]) }) });
  render(<MePage />);
  await banner();
  const fullName = screen.getByText('心愿墙显示我的全名').closest('.card')!.querySelector('input')! as HTMLInputElement;
  fireEvent.click(fullName);
  await waitFor(() => expect(server.calls.some((c) => c.route === 'org.updateMe')).toBe(true));
  await waitFor(() => expect(fullName.checked).toBe(false));
  expect(taroMock.toasts).toEqual([]);
  expect(screen.getAllByRole('alert', { name: '暂停服务' })).toHaveLength(1);
});

test('active in another community: the banner offers to switch there, and is gone once they have', async () => {
  await signedInAs(liu([paused, { communityId: 'c-hyj', townId: 't1', roles: ['resident'] }]));
  const server = fakeServer(
    { 'org.actIn': (d) => ({ user: liu([paused, { communityId: 'c-hyj', townId: 't1', roles: ['resident'] }], String(d.communityId)) }), 'org.myDuty': refused },
    { 'auth/me': () => ({ user: getSession()!.user }) },
  );
  render(<MePage />);
  fireEvent.click(within(await banner()).getByRole('button', { name: '切换到花园街社区' }));
  await waitFor(() => expect(getSession()!.user.communityId).toBe('c-hyj'));
  expect(server.calls.find((c) => c.route === 'org.actIn')!.data).toEqual({ communityId: 'c-hyj' });
  await waitFor(() => expect(screen.queryByRole('alert', { name: '暂停服务' })).toBeNull());
});

test('acting where they are active, a switch to the community that paused them is refused in a toast, with no banner', async () => {
  const hyj = { communityId: 'c-hyj', townId: 't1', roles: ['resident'] };
  await signedInAs(liu([paused, hyj], 'c-hyj'));
  fakeServer({ 'org.actIn': refused }, { 'auth/me': () => ({ user: liu([paused, hyj], 'c-hyj') }) });
  render(<MePage />);
  fireEvent.click(screen.getByRole('radio', { name: '桃源社区' }));
  await waitFor(() => expect(taroMock.toasts).toEqual([`您在桃源社区的成员身份已被停用（原因：${REASON}），如有疑问请联系社区书记`]));
  expect(getSession()!.user.communityId).toBe('c-hyj');
  expect(screen.queryByRole('alert', { name: '暂停服务' })).toBeNull();
});

test('restored by the secretary: the next page read, or 刷新状态, finds it and the banner goes', async () => {
  await signedInAs(liu([paused]));
  let restored = false;
  const server = fakeServer({ 'notify.inbox': () => ({ items: [], unread: 0 }) }, { 'auth/me': () => ({ user: liu([restored ? active : paused]) }) });
  const reads = () => server.calls.filter((c) => c.route === 'auth/me').length;
  render(<InboxPage />);
  // Opening the page asked once; still paused.
  await waitFor(() => expect(reads()).toBe(1));
  fireEvent.click(within(await banner()).getByRole('button', { name: '已恢复？刷新状态' }));
  await waitFor(() => expect(reads()).toBe(2));
  expect(screen.getByRole('alert', { name: '暂停服务' })).toBeInTheDocument();

  restored = true;
  fireEvent.click(within(await banner()).getByRole('button', { name: '已恢复？刷新状态' }));
  await waitFor(() => expect(screen.queryByRole('alert', { name: '暂停服务' })).toBeNull());
  expect(screen.getByText('暂时没有消息')).toBeInTheDocument();
});
