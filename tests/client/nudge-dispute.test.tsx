import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import TaskPage from '../../client/src/packages/helper/pages/task/index';
import WishPage from '../../client/src/pages/wish/index';
import { taroMock } from './__mocks__/taro';
import { actors, detailReply } from './support/detail';
import { fakeServer, wishFixture } from './support/fakeServer';

const HOUR = 3_600_000;
const ago = (h: number) => new Date(Date.now() - h * HOUR).toISOString();

function asResident() {
  taroMock.storage.set('xy.token', 'token-res');
  taroMock.storage.set('xy.session', { user: { id: 'u-res', name: '张阿姨', memberships: [{ communityId: 'c1', roles: ['resident'] }] }, activeRole: 'resident' });
  taroMock.routerParams = { id: 'w1' };
}

describe('催一催 on a wish waiting too long', () => {
  beforeEach(asResident);

  test('after a day with nothing moving the resident may nudge: one tap sends it once, and the page says it was sent', async () => {
    let wish: Record<string, unknown> = wishFixture({ ownerId: 'u-res', status: 'open', createdAt: ago(30), openedAt: ago(26) });
    const server = fakeServer({
      'wishes.detail': () => detailReply(wish, actors.resident()),
      'wishes.nudge': () => {
        wish = { ...wish, nudgedAt: new Date().toISOString() };
        return { wish };
      },
    });
    render(<WishPage />);
    expect(await screen.findByText(/社区工作人员会收到提醒/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: '催一催' }));
    await waitFor(() => expect(taroMock.toasts).toContain('已提醒'));
    expect(server.calls.filter((c) => c.route === 'wishes.nudge')).toHaveLength(1);
    expect(server.calls.find((c) => c.route === 'wishes.nudge')!.requestId).toBeTruthy();
    // Re-read: nudged just now, so no button until a day has passed, and the page says when.
    await waitFor(() => expect(server.calls.filter((c) => c.route === 'wishes.detail')).toHaveLength(2));
    expect(await screen.findByText(/已于今天 \d\d:\d\d催过。如果到明天 \d\d:\d\d还没有进展，可以在这里催一催/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '催一催' })).not.toBeInTheDocument();
  });

  test('a wish posted an hour ago offers no nudge yet, only when it will', async () => {
    fakeServer({ 'wishes.detail': () => detailReply(wishFixture({ ownerId: 'u-res', status: 'pending_review', createdAt: ago(1) }), actors.resident()) });
    render(<WishPage />);
    expect(await screen.findByText(/可以在这里催一催/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '催一催' })).not.toBeInTheDocument();
  });

  test('a held wish tells the resident the helper will hear it', async () => {
    const claims = [{ claimerId: 'u-vol', claimedAt: ago(28) }];
    fakeServer({ 'wishes.detail': () => detailReply(wishFixture({ ownerId: 'u-res', status: 'claimed', createdAt: ago(40), claimedAt: ago(28), claims }), actors.resident()) });
    render(<WishPage />);
    expect(await screen.findByText(/帮助您的志愿者会收到提醒/)).toBeInTheDocument();
  });

  test('the parent a wish was posted for (时间银行) may nudge it as its poster may', async () => {
    const forHim = wishFixture({ ownerId: 'u-daughter', createdBy: 'u-daughter', beneficiary: { userId: 'u-res', name: '张阿姨' }, status: 'open', createdAt: ago(30), openedAt: ago(26) });
    fakeServer({ 'wishes.detail': () => detailReply(forHim, actors.resident()) });
    render(<WishPage />);
    expect(await screen.findByRole('button', { name: '催一催' })).toBeInTheDocument();
  });

  test('a finished wish has nothing to nudge', async () => {
    fakeServer({ 'wishes.detail': () => detailReply(wishFixture({ ownerId: 'u-res', status: 'done', createdAt: ago(80), claims: [{ claimerId: 'u-vol' }] }), actors.resident()) });
    render(<WishPage />);
    await screen.findByText('陪同去卫生院打疫苗');
    expect(screen.queryByText(/催一催/)).not.toBeInTheDocument();
  });
});

const disputed = () => ({
  wish: wishFixture({ ownerId: 'u-res', status: 'in_progress', createdAt: ago(50), claims: [{ claimerId: 'u-vol', startedAt: ago(20) }] }),
  events: [
    { action: 'complete', at: ago(5), from: 'in_progress', to: 'done', actor: { kind: 'user', userId: 'u-vol' } },
    { action: 'dispute', at: ago(2), from: 'done', to: 'in_progress', note: '水管还在漏水', actor: { kind: 'user', userId: 'u-res' } },
  ],
});

describe('a dispute stays in view until the work is done again', () => {
  test("the resident's wish says a dispute is open, and why", async () => {
    asResident();
    const { wish, events } = disputed();
    fakeServer({ 'wishes.detail': () => detailReply(wish, actors.resident(), { events }) });
    render(<WishPage />);
    expect(await screen.findByText(/您反映了服务未完成/)).toBeInTheDocument();
    expect(screen.getByText('原因：水管还在漏水')).toBeInTheDocument();
  });

  test("the helper's task says the resident disputed it, and why", async () => {
    taroMock.storage.set('xy.token', 'token-vol');
    taroMock.storage.set('xy.session', { user: { id: 'u-vol', name: '李志愿', memberships: [{ communityId: 'c1', roles: ['volunteer'] }] }, activeRole: 'volunteer' });
    taroMock.routerParams = { id: 'w1' };
    const { wish, events } = disputed();
    fakeServer({ 'wishes.detail': () => detailReply(wish, actors.volunteer(), { events }) });
    render(<TaskPage />);
    expect(await screen.findByText(/居民反映服务未完成/)).toBeInTheDocument();
    expect(screen.getByText('原因：水管还在漏水')).toBeInTheDocument();
  });

  test('once completed again the banner is gone', async () => {
    asResident();
    const { wish, events } = disputed();
    const again = [...events, { action: 'complete', at: ago(1), from: 'in_progress', to: 'done', actor: { kind: 'user', userId: 'u-vol' } }];
    fakeServer({ 'wishes.detail': () => detailReply({ ...wish, status: 'done' }, actors.resident(), { events: again }) });
    render(<WishPage />);
    await screen.findByText('陪同去卫生院打疫苗');
    expect(screen.queryByText(/反映了服务未完成/)).not.toBeInTheDocument();
  });
});
