import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { call } from '../../client/src/services/api';
import ProxyPage from '../../client/src/packages/staff/pages/proxy/index';
import { SIMILAR_DELAY_MS } from '../../client/src/hooks/useSimilarWishes';
import { callsTo, routeCalls, actAs, proxyPlaces as places } from './staff-helpers';

jest.mock('../../client/src/services/api', () => ({ call: jest.fn(), httpJson: jest.fn(), apiUrl: (p: string) => p }));
const callMock = call as jest.Mock;

const sameRide = { id: 's1', title: '接王奶奶去卫生院', status: 'pending_review', createdAt: '2026-11-20T08:00:00+08:00', distanceM: 45 };

beforeEach(() => {
  callMock.mockReset();
  actAs('grid_worker');
  jest.useFakeTimers();
});
afterEach(() => jest.useRealTimers());

test('the grid worker sees nearby similar wishes before entering one, and can still submit', async () => {
  routeCalls(callMock, {
    ...places,
    'wishes.similar': (d: Record<string, unknown>) => ({ items: d.category === 'medical_trip' ? [sameRide] : [] }),
    'dispatch.proxyCreate': (d: Record<string, unknown>) => ({ wish: { id: 'w9', ...d, status: 'pending_review', beneficiary: { name: '王秀英' } }, similar: [sameRide] }),
  });
  render(<ProxyPage />);
  await screen.findByText('选择楼栋');

  fireEvent.click(screen.getByText('就医出行'));
  fireEvent.click(screen.getByText('地图选点'));
  await screen.findByText('已在地图上选择');
  await act(async () => {
    jest.advanceTimersByTime(SIMILAR_DELAY_MS);
  });

  expect(await screen.findByText('附近已有 1 个类似心愿')).toBeInTheDocument();
  expect(screen.getByText('「接王奶奶去卫生院」')).toBeInTheDocument();
  expect(screen.getByText('待审核')).toBeInTheDocument();
  expect(screen.getByText('约 45米')).toBeInTheDocument();
  expect(screen.getByText(/不必重复录入/)).toBeInTheDocument();
  expect(callsTo(callMock, 'wishes', 'similar')).toEqual([
    ['wishes', 'similar', { category: 'medical_trip', location: { type: 'Point', coordinates: [110.12, 32.81] } }],
  ]);
  expect(callsTo(callMock, 'dispatch', 'proxyCreate')).toHaveLength(0);

  fireEvent.click(screen.getByText('维修'));
  expect(screen.queryByText(/附近已有/)).not.toBeInTheDocument();

  fireEvent.click(screen.getByText('就医出行'));
  fireEvent.change(screen.getByLabelText('居民姓名'), { target: { value: '王秀英' } });
  fireEvent.change(screen.getByLabelText('心愿标题'), { target: { value: '接送去卫生院打疫苗' } });
  fireEvent.change(screen.getByLabelText('详细描述'), { target: { value: '腿脚不便，周三上午九点前到' } });
  fireEvent.click(screen.getByText('提交心愿'));

  expect(await screen.findByText('录入成功')).toBeInTheDocument();
  await waitFor(() => expect(callsTo(callMock, 'dispatch', 'proxyCreate')).toHaveLength(1));
});

test('a failed lookup on the proxy form shows nothing', async () => {
  // wishes.similar is not routed: the call rejects.
  routeCalls(callMock, places);
  render(<ProxyPage />);
  await screen.findByText('选择楼栋');

  fireEvent.click(screen.getByText('就医出行'));
  fireEvent.click(screen.getByText('使用社区位置'));
  await act(async () => {
    jest.advanceTimersByTime(SIMILAR_DELAY_MS);
  });

  await waitFor(() => expect(callsTo(callMock, 'wishes', 'similar')).toHaveLength(1));
  expect(screen.queryByText(/附近已有/)).not.toBeInTheDocument();
  expect(screen.queryByRole('alert')).not.toBeInTheDocument();
});
