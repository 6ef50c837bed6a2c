import { render, screen } from '@testing-library/react';
import WishPage from '../../client/src/pages/wish/index';
import { taroMock } from './__mocks__/taro';
import { actors, detailReply } from './support/detail';
import { fakeServer, wishFixture } from './support/fakeServer';

/** The resident's wish screen: its buttons are the `actions` the server sends, its helpers named from `people`. */
const BUTTONS = ['确认已完成', '修改后重新提交', '取消心愿'];

async function open(over: Record<string, unknown>, people: Record<string, string> = {}) {
  fakeServer({ 'wishes.detail': () => detailReply(wishFixture({ ownerId: 'u-res', ...over }), actors.resident(), { people }) });
  render(<WishPage />);
  await screen.findByText('陪同去卫生院打疫苗');
  return BUTTONS.filter((name) => screen.queryByRole('button', { name }) !== null);
}

beforeEach(() => {
  taroMock.storage.set('xy.token', 'token-res');
  taroMock.storage.set('xy.session', { user: { id: 'u-res', name: '张阿姨', memberships: [{ communityId: 'c1', roles: ['resident'] }] }, activeRole: 'resident' });
  taroMock.routerParams = { id: 'w1' };
});

test('a wish two of three helpers hold: the resident may cancel, and sees who is helping by name', async () => {
  const claims = [{ claimerId: 'u-a' }, { claimerId: 'u-b' }];
  expect(await open({ status: 'open', helpersNeeded: 3, claims }, { 'u-a': '李志愿', 'u-b': '王党员' })).toEqual(['取消心愿']);
  expect(screen.getByText('李志愿')).toBeInTheDocument();
  expect(screen.getByText('王党员')).toBeInTheDocument();
});

test('a finished wish offers confirmation and no cancel', async () => {
  expect(await open({ status: 'done', claims: [{ claimerId: 'u-a' }] })).toEqual(['确认已完成']);
});

test('a rejected wish may be resubmitted or cancelled', async () => {
  expect(await open({ status: 'rejected', rejectReason: '请补充地址' })).toEqual(['修改后重新提交', '取消心愿']);
});

test('a confirmed wish asks for stars while unrated, and not once rated', async () => {
  expect(await open({ status: 'confirmed' })).toEqual([]);
  expect(screen.getByText('评价本次服务')).toBeInTheDocument();
});

test('a rated wish shows the stars and no rating form', async () => {
  await open({ status: 'confirmed', rating: { stars: 5, by: 'u-res', at: '2026-11-22T08:00:00+08:00' } });
  expect(screen.getByText('★★★★★')).toBeInTheDocument();
  expect(screen.queryByText('评价本次服务')).not.toBeInTheDocument();
});

test('the wish shows its number, to read out when the resident phones the community', async () => {
  await open({ status: 'open', number: 'TY-2026-0123' });
  expect(screen.getByText('心愿编号')).toBeInTheDocument();
  expect(screen.getByText('TY-2026-0123')).toBeInTheDocument();
});

test('staff opening a claimed wish nobody has started may take it back from here (收回 / 改派); its resident may not', async () => {
  const claimed = wishFixture({ ownerId: 'u-res', status: 'claimed', claims: [{ claimerId: 'u-vol' }] });
  fakeServer({ 'wishes.detail': () => detailReply(claimed, actors.secretary('u-staff')) });
  taroMock.storage.set('xy.session', { user: { id: 'u-staff', name: '彭书记', memberships: [{ communityId: 'c1', roles: ['secretary'] }] }, activeRole: 'secretary' });
  const { unmount } = render(<WishPage />);
  (await screen.findByRole('button', { name: '收回 / 改派' })).click();
  expect(taroMock.navigations.at(-1)?.url).toBe('/packages/staff/pages/recall/index?id=w1');
  unmount();

  expect(await open({ status: 'claimed', claims: [{ claimerId: 'u-vol' }] })).toEqual(['取消心愿']);
  expect(screen.queryByRole('button', { name: '收回 / 改派' })).not.toBeInTheDocument();
});
