import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import PostPage from '../../client/src/pages/post/index';
import WishPage from '../../client/src/pages/wish/index';
import { taroMock } from './__mocks__/taro';
import { actors, detailReply } from './support/detail';
import { fakeServer, wishFixture } from './support/fakeServer';

/**
 * A resident edits a wish while it waits for review (issue 16 #17: the README promised it, the
 * screen offered only 取消): the button comes from the server's `actions`, and the post form,
 * filled with the wish, sends `wishes.update`.
 */
const pending = (over: Record<string, unknown> = {}) =>
  wishFixture({ ownerId: 'u-res', status: 'pending_review', contactPhone: '13812345678', address: '3栋2单元501', ...over });

beforeEach(() => {
  taroMock.storage.set('xy.token', 'token-res');
  taroMock.storage.set('xy.session', { user: { id: 'u-res', name: '胡秀兰', memberships: [{ communityId: 'c1', roles: ['resident'] }] }, activeRole: 'resident' });
});

test('a pending wish offers 修改心愿 beside 取消心愿, and it opens the form for that wish', async () => {
  taroMock.routerParams = { id: 'w1' };
  fakeServer({ 'wishes.detail': () => detailReply(pending(), actors.resident()) });
  render(<WishPage />);
  await screen.findByText('陪同去卫生院打疫苗');
  expect(screen.getByRole('button', { name: '取消心愿' })).toBeInTheDocument();

  fireEvent.click(screen.getByRole('button', { name: '修改心愿' }));
  expect(taroMock.navigations.at(-1)?.url).toBe('/pages/post/index?edit=w1');
});

test('an approved wish can no longer be edited', async () => {
  taroMock.routerParams = { id: 'w1' };
  fakeServer({ 'wishes.detail': () => detailReply(pending({ status: 'open' }), actors.resident()) });
  render(<WishPage />);
  await screen.findByText('陪同去卫生院打疫苗');
  expect(screen.queryByRole('button', { name: '修改心愿' })).not.toBeInTheDocument();
});

test('the edit form starts from the wish and saves the change with wishes.update; an emptied field is cleared', async () => {
  taroMock.routerParams = { edit: 'w1' };
  const server = fakeServer({
    'wishes.detail': () => detailReply(pending(), actors.resident()),
    'wishes.update': (data) => ({ wish: pending({ title: data.title }) }),
  });
  render(<PostPage />);
  const title = await screen.findByDisplayValue('陪同去卫生院打疫苗');
  fireEvent.change(title, { target: { value: '陪同去卫生院打流感疫苗' } });
  fireEvent.change(await screen.findByDisplayValue('3栋2单元501'), { target: { value: '' } });
  fireEvent.click(screen.getByRole('button', { name: '保存修改' }));

  await waitFor(() => expect(server.calls.some((c) => c.route === 'wishes.update')).toBe(true));
  expect(server.calls.find((c) => c.route === 'wishes.update')?.data).toMatchObject({
    wishId: 'w1',
    title: '陪同去卫生院打流感疫苗',
    category: 'medical_trip',
    contactPhone: '13812345678',
    address: null,
  });
  await waitFor(() => expect(taroMock.navigations.at(-1)).toEqual({ kind: 'redirectTo', url: '/pages/wish/index?id=w1' }));
});

test('resubmitting a rejected wish clears a field the resident emptied, too', async () => {
  taroMock.routerParams = { resubmit: 'w1' };
  const server = fakeServer({
    'wishes.detail': () => detailReply(pending({ status: 'rejected', rejectReason: '请写清楼栋' }), actors.resident()),
    'wishes.resubmit': () => ({ wish: pending() }),
  });
  render(<PostPage />);
  fireEvent.change(await screen.findByDisplayValue('13812345678'), { target: { value: '' } });
  fireEvent.click(screen.getByRole('button', { name: '修改后重新提交' }));
  await waitFor(() => expect(server.calls.some((c) => c.route === 'wishes.resubmit')).toBe(true));
  expect(server.calls.find((c) => c.route === 'wishes.resubmit')?.data).toMatchObject({ wishId: 'w1', contactPhone: null, address: '3栋2单元501' });
});

test('a wish shown with signed photo and voice links is saved back with the references it was stored as, not the links', async () => {
  // As the server hands them to this resident for the hour (server/fileUrls.ts); the form shows them from these links.
  const photo = `/files/${'c'.repeat(64)}.jpg`;
  const voice = `/files/${'d'.repeat(64)}.m4a`;
  const signed = (ref: string) => `${ref}?u=u-res&exp=1796630400&sig=${'7'.repeat(64)}`;
  taroMock.routerParams = { edit: 'w1' };
  const server = fakeServer({
    'wishes.detail': () => detailReply(pending({ photos: [signed(photo)], voice: { url: signed(voice), seconds: 9 } }), actors.resident()),
    'wishes.update': (data) => ({ wish: pending({ title: data.title }) }),
  });
  const { container } = render(<PostPage />);
  fireEvent.change(await screen.findByDisplayValue('陪同去卫生院打疫苗'), { target: { value: '陪同去卫生院打流感疫苗' } });
  await waitFor(() => expect(container.querySelector('img.photo')?.getAttribute('src')).toContain(signed(photo)));
  fireEvent.click(screen.getByRole('button', { name: '保存修改' }));

  await waitFor(() => expect(server.calls.some((c) => c.route === 'wishes.update')).toBe(true));
  expect(server.calls.find((c) => c.route === 'wishes.update')?.data).toMatchObject({ wishId: 'w1', photos: [photo], voice: { url: voice, seconds: 9 } });
});
