import { fireEvent, render, screen } from '@testing-library/react';
import taro from '@tarojs/taro';
import { AppError } from '@shared/errors';
import { checkInPayload } from '@shared/activities';
import { ActivityDetail } from '../../client/src/packages/helper/pages/activity/index';
import { CodeBoard } from '../../client/src/packages/staff/pages/activities/CodeBoard';
import { AttendancePanel } from '../../client/src/packages/staff/pages/activities/AttendancePanel';
import { taroMock } from './__mocks__/taro';
import { fakeServer } from './support/fakeServer';

const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

/** An environment clean-up that starts in ten minutes: sign-up and check-in are both open. */
const activity = (over: Record<string, unknown> = {}) => ({
  id: 'act-1', title: '滨江广场环境卫生整治', category: 'environment', description: '清理广场垃圾，劝导文明遛狗', place: '滨江广场东侧', organizer: '桃源社区党总支',
  startAt: inMinutes(10), endAt: inMinutes(190), places: 10, placesLeft: 3, state: 'open', ...over,
});

const asVolunteer = () => {
  taroMock.storage.set('xy.token', 'token-vol');
  taroMock.storage.set('xy.session', { user: { id: 'u-vol', name: '李志愿', memberships: [{ communityId: 'c1', roles: ['volunteer'] }] }, activeRole: 'volunteer' });
};
const asSecretary = () => {
  taroMock.storage.set('xy.token', 'token-sec');
  taroMock.storage.set('xy.session', { user: { id: 'u-sec', name: '王书记', memberships: [{ communityId: 'c1', roles: ['secretary'] }] }, activeRole: 'secretary' });
};
const scanner = taro as unknown as { scanCode?: () => Promise<{ result: string }> };
afterEach(() => delete scanner.scanCode);

test('a volunteer signs up, checks in with the typed code (a wrong one is told so), and checks out by scanning: the hours and points are shown', async () => {
  asVolunteer();
  let mine: Record<string, unknown> | undefined;
  const server = fakeServer({
    'activities.detail': () => ({ activity: activity(mine ? { mine } : {}) }),
    'activities.signUp': () => ((mine = { status: 'signed_up' }), { activity: activity({ placesLeft: 2, mine }) }),
    'activities.checkIn': (d) => {
      if (d.code !== '042917') throw new AppError('CODE_WRONG', '签到码不正确，请核对后重新输入');
      mine = { status: 'checked_in', checkedInAt: new Date().toISOString() };
      return { activity: activity({ placesLeft: 2, mine }) };
    },
    'activities.checkOut': () => ({ activity: activity({ mine: { status: 'checked_out', hours: 1.5 } }), hours: 1.5, points: 15 }),
  });
  render(<ActivityDetail id="act-1" />);
  fireEvent.click(await screen.findByText('报名'));
  expect(await screen.findByRole('status')).toHaveTextContent('报名成功');

  fireEvent.input(screen.getByLabelText('签到码'), { target: { value: '12345' } });
  fireEvent.click(screen.getByText('输入签到码签到'));
  expect(await screen.findByRole('alert')).toHaveTextContent('请输入组织者出示的 6 位签到码');
  fireEvent.input(screen.getByLabelText('签到码'), { target: { value: '111 111' } });
  fireEvent.click(screen.getByText('输入签到码签到'));
  expect(await screen.findByRole('alert')).toHaveTextContent('签到码不正确，请核对后重新输入');
  fireEvent.input(screen.getByLabelText('签到码'), { target: { value: '042 917' } });
  fireEvent.click(screen.getByText('输入签到码签到'));
  expect(await screen.findByText(/已于 .* 签到/)).toBeInTheDocument();

  // The QR code of another activity is caught before anything is sent.
  scanner.scanCode = async () => ({ result: checkInPayload('act-2', '042917') });
  fireEvent.click(screen.getByText('扫码签退'));
  expect(await screen.findByRole('alert')).toHaveTextContent('这是另一个活动的签到码');
  scanner.scanCode = async () => ({ result: checkInPayload('act-1', '042917') });
  fireEvent.click(screen.getByText('扫码签退'));
  expect(await screen.findByRole('status')).toHaveTextContent('签退成功：服务 1.5 小时，获得 15 积分');
  expect(screen.getByText('已签退 · 服务 1.5 小时')).toBeInTheDocument();

  const sent = server.calls.filter((c) => c.route !== 'activities.detail');
  expect(sent.map((c) => c.route)).toEqual(['activities.signUp', 'activities.checkIn', 'activities.checkIn', 'activities.checkOut']);
  expect(sent[2].data).toEqual({ activityId: 'act-1', code: '042917' });
  expect(sent.every((c) => c.requestId)).toBe(true);
});

test('a full activity offers no sign-up; a cancelled one says why', async () => {
  asVolunteer();
  fakeServer({ 'activities.detail': () => ({ activity: activity({ placesLeft: 0 }) }) });
  const { unmount } = render(<ActivityDetail id="act-1" />);
  expect(await screen.findByText('名额已满')).toBeDisabled();
  unmount();
  fakeServer({ 'activities.detail': () => ({ activity: activity({ state: 'cancelled', cancelledAt: inMinutes(-5), cancelReason: '暴雨预警，改期举行' }) }) });
  render(<ActivityDetail id="act-1" />);
  expect(await screen.findByText(/已取消：暴雨预警，改期举行/)).toBeInTheDocument();
  expect(screen.queryByText('报名')).not.toBeInTheDocument();
});

test("the organiser's board shows the code as a QR code and in digits big enough to read out", async () => {
  asSecretary();
  fakeServer({ 'activities.code': () => ({ code: '042917', payload: checkInPayload('act-1', '042917'), goodUntil: inMinutes(2), periodMs: 60_000 }) });
  render(<CodeBoard activityId="act-1" />);
  expect(await screen.findByLabelText('签到码')).toHaveTextContent('042 917');
  expect(screen.getByRole('img')).toHaveAttribute('aria-label', '签到二维码 042917');
});

test('staff enter a forgotten check-out from the attendance list, and see the hours credited', async () => {
  asSecretary();
  const start = inMinutes(-300);
  const end = inMinutes(-120);
  const rows = [
    { userId: 'u-a', name: '张志愿', status: 'checked_out', signedUpAt: inMinutes(-2000), checkedInAt: start, checkedOutAt: end, hours: 3 },
    { userId: 'u-b', name: '刘党员', status: 'checked_in', signedUpAt: inMinutes(-1900), checkedInAt: start },
  ];
  const server = fakeServer({
    'activities.attendance': () => ({ activity: activity({ startAt: start, endAt: end, state: 'ended' }), attendees: rows }),
    'activities.correct': (d) => {
      rows[1] = { ...rows[1], status: 'checked_out', checkedOutAt: String(d.checkedOutAt), hours: 3 };
      return { attendee: { ...rows[1], corrected: true }, points: 30 };
    },
  });
  render(<AttendancePanel activityId="act-1" />);
  expect(await screen.findByText(/报名 2 人 · 已签到 1 人 · 已签退 1 人/)).toBeInTheDocument();
  expect(screen.getAllByText('补登签退')).toHaveLength(1);
  fireEvent.click(screen.getByText('补登签退'));
  fireEvent.click(screen.getByText('确认补登'));
  expect(await screen.findByRole('status')).toHaveTextContent('已为刘党员补登签退：3 小时，30 积分');
  const correct = server.calls.find((c) => c.route === 'activities.correct')!;
  expect(correct.data).toMatchObject({ activityId: 'act-1', userId: 'u-b' });
  expect(correct.data).not.toHaveProperty('checkedInAt');
});
