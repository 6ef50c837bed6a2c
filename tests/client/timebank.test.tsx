import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { AppError } from '@shared/errors';
import { TransferForm } from '../../client/src/features/timebank/TransferForm';
import { WishSummary } from '../../client/src/features/wish/WishSummary';
import TimeBankPage from '../../client/src/packages/helper/pages/timebank/index';
import { taroMock } from './__mocks__/taro';
import { fakeServer, wishFixture } from './support/fakeServer';
import { renderPostForm } from './support/postForm';

const mother = { id: 'u-mother', name: '朱妈妈' };

function fillIn() {
  fireEvent.click(screen.getByText('就医出行'));
  fireEvent.change(screen.getByPlaceholderText(/陪同去医院打疫苗/), { target: { value: '想请人陪我去医院复查' } });
  fireEvent.change(screen.getByPlaceholderText(/什么时间/), { target: { value: '周三上午，县医院三楼' } });
}

describe('用时间支付 on the post form', () => {
  it('pays with the hours chosen, for a family member, and says what paying means before it is sent', async () => {
    const server = fakeServer({ 'wishes.create': (data) => ({ wish: wishFixture({ ...data, id: 'w-paid', status: 'pending_review' }) }) });
    const { onDone } = renderPostForm({ timebank: { balance: 3, family: [mother] } });
    await screen.findByText('3号楼');
    fillIn();
    expect(screen.getByText('用时间支付（时间银行可用 3 小时）')).toBeInTheDocument();
    fireEvent.click(screen.getByText('朱妈妈'));
    fireEvent.click(screen.getByRole('switch', { name: '用时间支付' }));
    expect(screen.getByText('发布时预扣，心愿确认完成后正式支付；取消或未通过审核会退回')).toBeInTheDocument();
    fireEvent.click(screen.getByLabelText('增加支付时长'));
    fireEvent.click(screen.getByLabelText('增加支付时长'));
    expect(screen.getByLabelText('支付时长')).toHaveTextContent('2 小时');

    fireEvent.click(screen.getByRole('button', { name: '提交心愿' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(server.calls[0]).toMatchObject({ route: 'wishes.create', data: { paidHours: 2, forFamilyId: 'u-mother', title: '想请人陪我去医院复查' } });
  });

  it('never offers more hours than the balance; without hours or family there is nothing to choose; the server\'s refusal is shown', async () => {
    const server = fakeServer({ 'wishes.create': () => Promise.reject(new AppError('INSUFFICIENT_HOURS', '时间余额不足：需要 1.5 小时，当前可用 1 小时')) });
    const { unmount } = renderPostForm({ timebank: { balance: 0, family: [] } });
    await screen.findByText('3号楼');
    expect(screen.queryByRole('switch', { name: '用时间支付' })).not.toBeInTheDocument();
    unmount();
    taroMock.storage.clear();

    renderPostForm({ timebank: { balance: 1.5, family: [] } });
    await screen.findByText('3号楼');
    fillIn();
    expect(screen.queryByText('为谁发布')).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('switch', { name: '用时间支付' }));
    for (let i = 0; i < 5; i++) fireEvent.click(screen.getByLabelText('增加支付时长'));
    expect(screen.getByLabelText('支付时长')).toHaveTextContent('1.5 小时');
    fireEvent.click(screen.getByRole('button', { name: '提交心愿' }));
    expect(await screen.findByText(/时间余额不足：需要 1.5 小时，当前可用 1 小时/)).toBeInTheDocument();
    expect(server.calls[0].data).toMatchObject({ paidHours: 1.5 });
    expect(server.calls[0].data).not.toHaveProperty('forFamilyId');
  });

  it('with no hours but family to post for, offers whom it is for and no 用时间支付 switch that could only be refused', async () => {
    fakeServer({});
    renderPostForm({ timebank: { balance: 0, family: [mother] } });
    await screen.findByText('3号楼');
    expect(screen.getByText('为谁发布')).toBeInTheDocument();
    expect(screen.queryByRole('switch', { name: '用时间支付' })).not.toBeInTheDocument();
    expect(screen.getByText('时间银行暂无可用时间：为邻居服务并经确认后存入，才能用时间支付。')).toBeInTheDocument();
  });

  it('opened from 用时间发布心愿, has 用时间支付 on, even over a draft kept from an earlier visit', async () => {
    fakeServer({});
    const first = renderPostForm({ timebank: { balance: 3, family: [] } });
    await screen.findByText('3号楼');
    expect(screen.getByRole('switch', { name: '用时间支付' })).not.toBeChecked();
    first.unmount();

    renderPostForm({ timebank: { balance: 3, family: [] }, paying: true });
    await screen.findByText('3号楼');
    expect(screen.getByRole('switch', { name: '用时间支付' })).toBeChecked();
    expect(screen.getByText('发布时预扣，心愿确认完成后正式支付；取消或未通过审核会退回')).toBeInTheDocument();
  });
});

test('a wish paid by hours says so, and names whom it is for', () => {
  render(<WishSummary wish={wishFixture({ paidHours: 2, beneficiary: { userId: 'u-mother', name: '朱妈妈' } }) as never} />);
  expect(screen.getByText('时间银行 · 2 小时')).toBeInTheDocument();
  expect(screen.getByText('朱妈妈')).toBeInTheDocument();
  render(<WishSummary wish={wishFixture({}) as never} />);
  expect(screen.getAllByText('支付方式')).toHaveLength(1);
});

test('转给家人 asks once more, naming the person and the hours; a retry after a failure is the same request', async () => {
  const transfer = jest.fn().mockRejectedValueOnce(new AppError('INSUFFICIENT_HOURS', '时间余额不足：需要 2 小时，当前可用 1.5 小时')).mockResolvedValueOnce({});
  const onDone = jest.fn();
  render(<TransferForm balance={3} family={[mother]} transfer={transfer} onDone={onDone} />);
  fireEvent.click(screen.getByRole('button', { name: '转给家人' }));
  expect(screen.getByText('确认把 1 小时转给朱妈妈吗？转出后剩余 2 小时。')).toBeInTheDocument();
  expect(transfer).not.toHaveBeenCalled();
  fireEvent.click(screen.getByLabelText('增加转出时长'));
  fireEvent.click(screen.getByRole('button', { name: '转给家人' }));
  fireEvent.click(screen.getByText('确认转出'));
  expect(await screen.findByRole('alert')).toHaveTextContent('时间余额不足：需要 2 小时，当前可用 1.5 小时');
  fireEvent.click(screen.getByText('确认转出'));
  await waitFor(() => expect(onDone).toHaveBeenCalledWith('朱妈妈', 1.5));
  expect(transfer.mock.calls[0].slice(0, 2)).toEqual(['u-mother', 1.5]);
  expect(transfer.mock.calls[0][2]).toBe(transfer.mock.calls[1][2]);
});

test('the 时间银行 page: balance and held hours, the history in sentences, a family request answered', async () => {
  taroMock.storage.set('xy.token', 'token-son');
  taroMock.storage.set('xy.session', { user: { id: 'u-son', name: '朱小明', memberships: [{ communityId: 'c1', roles: ['resident', 'volunteer'] }] }, activeRole: 'resident' });
  let status = 'pending';
  const server = fakeServer({
    'timebank.mine': () => ({
      townId: 't1', townName: '花园镇', balance: 3, held: 2,
      entries: [
        { id: 'hold:e1', kind: 'hold', hours: -2, at: '2026-12-06T10:00:00+08:00', text: '发布心愿「陪同去医院复查」用时间支付，预扣 2 小时', wishId: 'w1' },
        { id: 'deposit:s1', kind: 'deposit', hours: 5, at: '2026-12-05T10:00:00+08:00', text: '「修理楼道扶手」经确认，存入 5 小时', wishId: 'w0' },
      ],
      family: [{ id: 'fl-1', other: { id: 'u-mother', name: '朱妈妈' }, relation: 'parent', status, askedByMe: false, createdAt: '2026-12-06T09:00:00+08:00' }],
    }),
    'timebank.answerFamily': () => {
      status = 'accepted';
      return { link: {} };
    },
  });
  render(<TimeBankPage />);
  expect(await screen.findByText('3 小时')).toBeInTheDocument();
  expect(screen.getByText(/另有 2 小时预扣给进行中的心愿/)).toBeInTheDocument();
  expect(screen.getByText('「修理楼道扶手」经确认，存入 5 小时')).toBeInTheDocument();
  expect(screen.getByText('关联的家人确认后，可以把时间转给他们。')).toBeInTheDocument();
  expect(screen.getByText('朱妈妈 请求与您关联为家人')).toBeInTheDocument();

  fireEvent.click(screen.getByText('确认是家人'));
  expect(await screen.findByRole('button', { name: '转给家人' })).toBeInTheDocument();
  expect(server.calls.find((c) => c.route === 'timebank.answerFamily')!.data).toEqual({ linkId: 'fl-1', accept: true });
  expect(screen.getByText('解除关联')).toBeInTheDocument();

  // 用时间发布心愿 opens the form with 用时间支付 on.
  fireEvent.click(screen.getByRole('button', { name: '用时间发布心愿' }));
  expect(taroMock.navigations.at(-1)).toMatchObject({ url: '/pages/post/index?pay=1' });
});

test('the 时间银行 page offers 用时间发布心愿 only with hours to pay', async () => {
  taroMock.storage.set('xy.token', 'token-mum');
  taroMock.storage.set('xy.session', { user: { id: 'u-mother', name: '朱妈妈', memberships: [{ communityId: 'c1', roles: ['resident'] }] }, activeRole: 'resident' });
  fakeServer({ 'timebank.mine': () => ({ townId: 't1', townName: '花园镇', balance: 0, held: 0, entries: [], family: [] }) });
  render(<TimeBankPage />);
  expect(await screen.findByText('0 小时')).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: '用时间发布心愿' })).not.toBeInTheDocument();
});
