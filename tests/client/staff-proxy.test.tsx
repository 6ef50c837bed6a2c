import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { AppError } from '@shared/errors';
import { call } from '../../client/src/services/api';
import { OfflineError } from '../../client/src/services/errors';
import ProxyPage from '../../client/src/packages/staff/pages/proxy/index';
import { emptyDraft, toPayload, validateDraft } from '../../client/src/packages/staff/lib/proxyForm';
import { taroMock } from './__mocks__/taro';
import { callsTo, routeCalls, actAs, proxyPlaces as places } from './staff-helpers';

jest.mock('../../client/src/services/api', () => ({ call: jest.fn(), httpJson: jest.fn(), apiUrl: (p: string) => p }));
const callMock = call as jest.Mock;

beforeEach(() => {
  callMock.mockReset();
  actAs('grid_worker');
});

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

/** Renders and waits for the org places to arrive, so nothing updates after the test. */
async function renderProxy() {
  const view = render(<ProxyPage />);
  await screen.findByText('选择楼栋');
  return view;
}

function fillValidForm() {
  fireEvent.click(screen.getByText('微信群'));
  type('居民姓名', '王秀英');
  type('联系电话', '13812345678');
  fireEvent.click(screen.getByText('就医出行'));
  type('心愿标题', '接送去卫生院打疫苗');
  type('详细描述', '腿脚不便，周三上午九点前到');
  type('详细地址', '香城苑3栋2单元501');
}

test('an empty submit shows what is missing, field by field, and sends nothing', async () => {
  routeCalls(callMock, places);
  await renderProxy();

  fireEvent.click(screen.getByText('提交心愿'));

  expect(screen.getByText('请填写居民姓名')).toBeInTheDocument();
  expect(screen.getByText('请选择心愿类别')).toBeInTheDocument();
  expect(screen.getByText('请填写标题，或按住说话录一段语音')).toBeInTheDocument();
  expect(screen.getByText('请写下需要什么帮助，或按住说话录一段语音')).toBeInTheDocument();
  expect(screen.getByText('请选择服务地点或楼栋')).toBeInTheDocument();
  expect(screen.getByText('还有内容需要填写或修改，请查看红色提示')).toBeInTheDocument();
  expect(callsTo(callMock, 'dispatch', 'proxyCreate')).toHaveLength(0);
  // The button is at the foot of a long form: the page goes up to the first field to mend (居民姓名), not left at the
  // foot with only 服务地点's message in sight and the banner and four other messages above the fold.
  await waitFor(() => expect(taroMock.scrolls).toEqual(['.field--error']));

  // Errors follow the typing once shown: a fixed field clears at once.
  type('居民姓名', '王秀英');
  expect(screen.queryByText('请填写居民姓名')).not.toBeInTheDocument();
});

test('a wrong phone number is caught by the shared schema', async () => {
  routeCalls(callMock, places);
  await renderProxy();
  fillValidForm();
  fireEvent.click(screen.getByText('地图选点'));
  await screen.findByText('已在地图上选择');
  type('联系电话', '12345');

  fireEvent.click(screen.getByText('提交心愿'));

  expect(screen.getByText('请填写手机号或带区号的固定电话')).toBeInTheDocument();
  expect(callsTo(callMock, 'dispatch', 'proxyCreate')).toHaveLength(0);
});

test('a complete entry is sent with channel, resident and place, and confirmed', async () => {
  routeCalls(callMock, {
    ...places,
    'dispatch.proxyCreate': (d: Record<string, unknown>) => ({
      wish: { id: 'w9', ...d, status: 'pending_review', createdAt: new Date().toISOString() },
      similar: [],
    }),
  });
  await renderProxy();
  fillValidForm();
  fireEvent.click(screen.getByText('地图选点'));
  await screen.findByText('已在地图上选择');

  fireEvent.click(screen.getByText('提交心愿'));

  expect(await screen.findByText('录入成功')).toBeInTheDocument();
  expect(screen.getByText(/已为王秀英录入心愿「接送去卫生院打疫苗」/)).toBeInTheDocument();
  // The form was long and scrolled down to its submit button: the confirmation opens at the top.
  expect(taroMock.scrolls).toEqual([0]);
  const [[, , payload, opts]] = callsTo(callMock, 'dispatch', 'proxyCreate');
  expect(payload).toEqual({
    channel: 'wechat_group',
    beneficiary: { name: '王秀英', phone: '13812345678' },
    contactPhone: '13812345678',
    category: 'medical_trip',
    title: '接送去卫生院打疫苗',
    description: '腿脚不便，周三上午九点前到',
    address: '香城苑3栋2单元501',
    location: { type: 'Point', coordinates: [110.12, 32.81] },
    helpersNeeded: 1,
    priority: 'normal',
    approveNow: false,
  });
  expect(opts.requestId).toEqual(expect.any(String));

  fireEvent.click(screen.getByText('继续录入'));
  expect(screen.getByLabelText('居民姓名')).toHaveValue('');
});

test('a failed submit keeps everything typed, shows why, and the retry reuses the request id', async () => {
  let attempt = 0;
  routeCalls(callMock, {
    ...places,
    'dispatch.proxyCreate': () => {
      attempt += 1;
      if (attempt === 1) throw new OfflineError();
      if (attempt === 2)
        throw new AppError('VALIDATION_FAILED', '输入有误', { fields: [{ path: 'title', message: '标题含有不适宜的内容' }] });
      return { wish: { id: 'w9', title: '接送去卫生院打疫苗', status: 'pending_review', beneficiary: { name: '王秀英' } }, similar: [] };
    },
  });
  await renderProxy();
  fillValidForm();
  fireEvent.click(screen.getByText('使用社区位置'));
  expect(screen.getByText('社区位置（大致）')).toBeInTheDocument();

  fireEvent.click(screen.getByText('提交心愿'));
  expect(await screen.findByText(/提交未成功：网络不给力/)).toBeInTheDocument();
  expect(screen.getByLabelText('居民姓名')).toHaveValue('王秀英');
  expect(screen.getByLabelText('详细描述')).toHaveValue('腿脚不便，周三上午九点前到');

  fireEvent.click(screen.getByText('提交心愿'));
  expect(await screen.findByText('标题含有不适宜的内容')).toBeInTheDocument();
  const ids = callsTo(callMock, 'dispatch', 'proxyCreate').map((c) => c[3].requestId);
  expect(ids[0]).toBe(ids[1]);

  type('心愿标题', '陪同去卫生院接种');
  fireEvent.click(screen.getByText('提交心愿'));
  await waitFor(() => expect(screen.getByText('录入成功')).toBeInTheDocument());
});

test('a half-typed entry survives leaving the page', async () => {
  routeCalls(callMock, places);
  const first = await renderProxy();
  type('居民姓名', '张大爷');
  type('心愿标题', '换灯泡');
  first.unmount();

  await renderProxy();
  expect(screen.getByLabelText('居民姓名')).toHaveValue('张大爷');
  expect(screen.getByLabelText('心愿标题')).toHaveValue('换灯泡');
});

test('a preferred day and part of day become a China-time window the schema accepts', () => {
  const draft = {
    ...emptyDraft('phone'),
    residentName: '王秀英',
    category: 'repair' as const,
    title: '换灯泡',
    description: '客厅灯不亮',
    location: { type: 'Point' as const, coordinates: [110.1, 32.8] as [number, number] },
    locationSource: 'map' as const,
    preferredDate: '2030-03-05',
  };
  expect(validateDraft(draft)).toEqual({ preferredDate: '请选择上午、下午或晚上' });

  const chosen = { ...draft, preferredPeriod: 'afternoon' as const };
  expect(validateDraft(chosen)).toEqual({});
  expect(toPayload(chosen).preferredTime).toEqual({ from: '2030-03-05T14:00:00+08:00', to: '2030-03-05T18:00:00+08:00' });
});

test('a description that means danger offers 设为紧急, and the entry is sent as urgent once tapped', async () => {
  routeCalls(callMock, {
    ...places,
    'dispatch.proxyCreate': (d: Record<string, unknown>) => ({ wish: { id: 'w9', ...d, status: 'open', createdAt: new Date().toISOString() }, similar: [] }),
  });
  await renderProxy();
  fillValidForm();
  expect(screen.queryByText('设为紧急')).not.toBeInTheDocument();
  type('详细描述', '老人在家摔倒了，起不来');
  expect(screen.getByRole('note')).toHaveTextContent('描述中提到“摔倒”，有人受伤，设为紧急');
  fireEvent.click(screen.getByText('设为紧急'));
  expect(screen.queryByText('设为紧急')).not.toBeInTheDocument();
  fireEvent.click(screen.getByText('地图选点'));
  await screen.findByText('已在地图上选择');
  fireEvent.click(screen.getByText('提交心愿'));
  await screen.findByText('录入成功');
  expect(callsTo(callMock, 'dispatch', 'proxyCreate')[0][2]).toMatchObject({ priority: 'urgent' });
});
