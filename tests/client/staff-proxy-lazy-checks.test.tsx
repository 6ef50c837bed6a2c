import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { call } from '../../client/src/services/api';
import ProxyPage from '../../client/src/packages/staff/pages/proxy/index';
import { callsTo, routeCalls, actAs, proxyPlaces as places } from './staff-helpers';

jest.mock('../../client/src/services/api', () => ({ call: jest.fn(), httpJson: jest.fn(), apiUrl: (p: string) => p }));
const callMock = call as jest.Mock;

// As the h5 build has it (importProxyChecks.h5.ts): the proxy form's checks (zod and the dispatch schemas) are not
// part of the page but fetched when asked for. Here each fetch waits until the test lets it answer, or fails as offline.
const fetches: { resolve: () => void; reject: (err: unknown) => void }[] = [];
jest.mock('../../client/src/packages/staff/lib/importProxyChecks', () => {
  const actual = jest.requireActual('../../client/src/packages/staff/lib/proxyChecks');
  return {
    bundledChecks: undefined,
    importChecks: () =>
      new Promise((resolve, reject) => {
        fetches.push({ resolve: () => resolve(actual), reject });
      }),
  };
});

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

test('代录心愿 on h5 fetches its checks when the grid worker starts on the form, not with the page; a submit waits for them; offline nothing is sent or lost, and a retry checks and sends', async () => {
  actAs('grid_worker');
  routeCalls(callMock, { ...places, 'dispatch.proxyCreate': { wish: { id: 'w9', title: '接送去卫生院打疫苗', status: 'pending_review', beneficiary: { name: '王秀英' } }, similar: [] } });
  render(<ProxyPage />);
  await screen.findByText('选择楼栋');
  expect(fetches).toHaveLength(0);

  fireEvent.click(screen.getByText('就医出行'));
  expect(fetches).toHaveLength(1);
  type('居民姓名', '王秀英');

  fireEvent.click(screen.getByText('提交心愿'));
  fetches[0].reject(new TypeError('Failed to fetch dynamically imported module'));
  expect(await screen.findByText(/提交未成功/)).toBeInTheDocument();
  expect(screen.getByDisplayValue('王秀英')).toBeInTheDocument();
  expect(callsTo(callMock, 'dispatch', 'proxyCreate')).toHaveLength(0);

  // Another tap fetches them again; the retry then says what is missing, field by field, and sends nothing.
  fireEvent.click(screen.getByText('就医出行'));
  expect(fetches).toHaveLength(2);
  await act(async () => fetches[1].resolve());
  fireEvent.click(screen.getByText('提交心愿'));
  expect(await screen.findByText('请填写标题，或按住说话录一段语音')).toBeInTheDocument();
  expect(callsTo(callMock, 'dispatch', 'proxyCreate')).toHaveLength(0);

  type('心愿标题', '接送去卫生院打疫苗');
  type('详细描述', '腿脚不便，周三上午九点前到');
  fireEvent.click(screen.getByText('使用社区位置'));
  fireEvent.click(screen.getByText('提交心愿'));
  await waitFor(() => expect(callsTo(callMock, 'dispatch', 'proxyCreate')).toHaveLength(1));
  expect(callsTo(callMock, 'dispatch', 'proxyCreate')[0][2]).toMatchObject({ title: '接送去卫生院打疫苗', beneficiary: { name: '王秀英' } });
  expect(await screen.findByText('录入成功')).toBeInTheDocument();
});
