import { render, screen } from '@testing-library/react';
import HoursPage from '../../client/src/packages/helper/pages/hours/index';
import { taroMock } from './__mocks__/taro';
import { fakeServer, wishFixture } from './support/fakeServer';

/** A finished wish as tasks.mine sends it: the hours are the helper's report, inside `completion`. */
const served = (id: string, status: 'done' | 'confirmed', hours?: number) =>
  wishFixture({
    id,
    status,
    title: `服务 ${id}`,
    doneAt: '2026-11-21T10:00:00+08:00',
    completion: { note: '已完成', by: 'u-vol', at: '2026-11-21T10:00:00+08:00', ...(hours !== undefined ? { hours } : {}) },
  });

beforeEach(() => {
  taroMock.storage.set('xy.token', 'token-vol');
  taroMock.storage.set('xy.session', { user: { id: 'u-vol', name: '李志愿', memberships: [{ communityId: 'c1', roles: ['volunteer'] }] }, activeRole: 'volunteer' });
});

test('shows the services and hours the server counts once confirmed (as a certificate does), and marks the finished tasks still waiting for the resident', async () => {
  const server = fakeServer({
    'tasks.mine': (d) =>
      d.status === 'confirmed' ? { items: [served('w1', 'confirmed', 4), served('w2', 'confirmed', 1.5)] } : { items: [served('w3', 'done', 2), served('w4', 'done')] },
    'certificates.mine': () => ({ items: [], served: { services: 2, hours: 5.5 } }),
    'activities.mine': () => ({ items: [], hours: 0 }),
  });
  render(<HoursPage />);

  // Two confirmed services, 5.5 hours: the unconfirmed w3 and w4 do not count yet, whatever their reports say.
  expect(await screen.findByText('2 次服务')).toBeInTheDocument();
  expect(screen.getByText('累计服务时长 5.5 小时 · 感谢您的付出')).toBeInTheDocument();
  expect(screen.getAllByText(/待居民确认/)).toHaveLength(2);
  expect(screen.getByText(/1\.5 小时 ·/)).toBeInTheDocument();
  expect(server.calls.filter((c) => c.route === 'tasks.mine').map((c) => c.data.status).sort()).toEqual(['confirmed', 'done']);
});

test('says nothing about hours until the server has counted them: no "0 小时" flashes while loading', async () => {
  let answer: (v: unknown) => void = () => undefined;
  fakeServer({
    'tasks.mine': () => ({ items: [] }),
    'certificates.mine': () => new Promise((resolve) => (answer = resolve)),
    'activities.mine': () => ({ items: [], hours: 0 }),
  });
  render(<HoursPage />);

  expect(await screen.findByText('加载中…')).toBeInTheDocument();
  expect(screen.queryByText(/小时/)).toBeNull();
  expect(screen.queryByText('完成第一个心愿后，这里会记录您的服务。')).toBeNull();

  answer({ items: [], served: { services: 3, hours: 7 } });
  expect(await screen.findByText('累计服务时长 7 小时 · 感谢您的付出')).toBeInTheDocument();
});

/** An activity as activities.mine sends it, with the caller's attendance. */
const activity = (id: string, mine: Record<string, unknown>) => ({
  id, title: `活动 ${id}`, category: 'environment', description: '', place: '小区广场', organizer: '桃源社区',
  startAt: '2026-12-02T08:00:00+08:00', endAt: '2026-12-02T11:00:00+08:00', places: 20, placesLeft: 10, state: 'ended', mine,
});

test('lists the 集体活动 the totals count beside the wishes, so the lines add up to "N 次服务": an activity that earned no hours is not one', async () => {
  // As in the demo: 张晓东's 9 hours are four wishes of 1.5 hours and a 3-hour clean-up; the page listed only the four.
  fakeServer({
    'tasks.mine': (d) => (d.status === 'confirmed' ? { items: [served('w1', 'confirmed', 1.5)] } : { items: [served('w3', 'done', 2)] }),
    'certificates.mine': () => ({ items: [], served: { services: 2, hours: 4.5 } }),
    'activities.mine': () => ({
      items: [
        activity('a1', { status: 'checked_out', checkedInAt: '2026-12-02T08:00:00+08:00', checkedOutAt: '2026-12-02T11:00:00+08:00', hours: 3 }),
        activity('a2', { status: 'checked_out', checkedInAt: '2026-12-03T08:00:00+08:00', checkedOutAt: '2026-12-03T08:05:00+08:00', hours: 0 }),
        activity('a3', { status: 'signed_up' }),
      ],
      hours: 3,
    }),
  });
  render(<HoursPage />);

  expect(await screen.findByText('2 次服务')).toBeInTheDocument();
  expect(screen.getByText('活动 a1')).toBeInTheDocument();
  expect(screen.getByText(/集体活动 · 环境整治 · 3 小时 ·/)).toBeInTheDocument();
  expect(screen.queryByText('活动 a2')).toBeNull();
  expect(screen.queryByText('活动 a3')).toBeNull();
  // The counted lines newest first (the activity of 12-02 before the wish of 11-21), then the one still waiting.
  const titles = screen.getAllByText(/^(服务|活动) /).map((e) => e.textContent);
  expect(titles).toEqual(['活动 a1', '服务 w1', '服务 w3']);
});
