import { render, screen, within } from '@testing-library/react';
import HallPage from '../../client/src/packages/helper/pages/hall/index';
import { fakeServer } from './support/fakeServer';

const item = (id: string, title: string, priority: 'urgent' | 'normal', distanceM: number) => ({
  id, title, priority, distanceM, category: 'daily_help', categoryLabel: '生活帮扶', helpersNeeded: 1, slotsFree: 1, createdAt: '2026-12-05T09:00:00+08:00',
});

test('an urgent wish in the task hall carries the word 紧急, so it is seen without telling colours apart', async () => {
  fakeServer({
    'tasks.nearby': () => ({ items: [item('w-far', '独居老人摔倒无法起身', 'urgent', 1200), item('w-near', '门口换灯泡', 'normal', 100)] }),
  });
  render(<HallPage />);
  const urgentTitle = await screen.findByText('独居老人摔倒无法起身', { exact: false });
  expect(within(urgentTitle).getByText('紧急')).toBeInTheDocument();
  const normalTitle = screen.getByText('门口换灯泡', { exact: false });
  expect(within(normalTitle).queryByText('紧急')).toBeNull();
});

test('a hall card says when the resident wants help (期望时间), and says nothing of a wish without a time', async () => {
  // Tomorrow afternoon in China, whatever day the test runs.
  const day = new Date(Date.now() + 8 * 3600000 + 86400000).toISOString().slice(0, 10);
  const timed = { ...item('w-timed', '陪同去医院复查', 'urgent', 300), preferredTime: { from: `${day}T14:00:00+08:00`, to: `${day}T18:00:00+08:00` } };
  fakeServer({ 'tasks.nearby': () => ({ items: [timed, item('w-any', '门口换灯泡', 'normal', 100)] }) });
  render(<HallPage />);
  const card = (await screen.findByText('陪同去医院复查', { exact: false })).closest('.card') as HTMLElement;
  expect(within(card).getByText('期望时间 明天 14:00–18:00')).toBeInTheDocument();
  expect(within(card).getByText('紧急')).toBeInTheDocument();
  const other = screen.getByText('门口换灯泡', { exact: false }).closest('.card') as HTMLElement;
  expect(within(other).queryByText(/期望时间/)).toBeNull();
});

test('a hall card carries the wish’s number (心愿编号), the one the resident and the community say on the phone', async () => {
  const numbered = { ...item('w-num', '帮忙取快递', 'normal', 200), number: 'TY-2026-0123' };
  fakeServer({ 'tasks.nearby': () => ({ items: [numbered, item('w-old', '门口换灯泡', 'normal', 100)] }) });
  render(<HallPage />);
  const card = (await screen.findByText('帮忙取快递', { exact: false })).closest('.card') as HTMLElement;
  expect(within(card).getByText('编号 TY-2026-0123')).toBeInTheDocument();
  // A wish from before numbers says nothing of one.
  const old = screen.getByText('门口换灯泡', { exact: false }).closest('.card') as HTMLElement;
  expect(within(old).queryByText(/编号/)).toBeNull();
});

test('a hall card of a wish for several helpers says how many places are still free once someone has joined', async () => {
  const joined = { ...item('w-three', '清理小区门口积水', 'normal', 400), helpersNeeded: 3, slotsFree: 2 };
  const fresh = { ...item('w-five', '小区花园需要义务清理', 'normal', 200), helpersNeeded: 5, slotsFree: 5 };
  fakeServer({ 'tasks.nearby': () => ({ items: [joined, fresh] }) });
  render(<HallPage />);
  const card = (await screen.findByText('清理小区门口积水', { exact: false })).closest('.card') as HTMLElement;
  expect(within(card).getByText(/需 3 人，还差 2 人/)).toBeInTheDocument();
  const other = screen.getByText('小区花园需要义务清理', { exact: false }).closest('.card') as HTMLElement;
  expect(within(other).getByText(/需 5 人/)).toBeInTheDocument();
  expect(within(other).queryByText(/还差/)).toBeNull();
});
