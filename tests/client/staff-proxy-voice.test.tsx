/**
 * 代录心愿 with a voice note (issue 16): the grid worker sitting with 李桂英 holds 按住 说话 while she says what she
 * needs, plays it back, and enters the wish with a category, her name and the place: the recording is uploaded and
 * the wish carries it as a resident's own does (title 类别（语音）, the description waits for 整理语音).
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import ProxyPage from '../../client/src/packages/staff/pages/proxy/index';
import { taroMock } from './__mocks__/taro';
import { fakeServer } from './support/fakeServer';
import { actAs, fakePlayers, proxyPlaces, type FakePlayer } from './staff-helpers';

type StopResult = { tempFilePath: string; duration: number };
const recorder = { onStop: undefined as undefined | ((r: StopResult) => void), next: { tempFilePath: '', duration: 0 } };
const players: FakePlayer[] = [];
const uploads: string[] = [];
const taro = Taro as unknown as Record<string, unknown>;
let clock = 1_000_000;

beforeEach(() => {
  taroMock.reset();
  taroMock.storage.set('xy.token', 'token-grid');
  actAs('grid_worker');
  process.env.TARO_ENV = 'weapp';
  uploads.length = 0;
  jest.spyOn(Date, 'now').mockImplementation(() => clock);
  taro.getRecorderManager = () => ({
    start: () => undefined,
    stop: () => recorder.onStop?.(recorder.next),
    onStop: (cb: (r: StopResult) => void) => (recorder.onStop = cb),
    onError: () => undefined,
  });
  fakePlayers(players);
  taro.uploadFile = async (req: { filePath: string }) => {
    uploads.push(req.filePath);
    return { statusCode: 200, data: JSON.stringify({ ok: true, data: { url: `/files/${'b'.repeat(64)}.mp3` } }) };
  };
});
afterEach(() => {
  jest.restoreAllMocks();
  process.env.TARO_ENV = 'h5';
});

const routes = {
  ...Object.fromEntries(Object.entries(proxyPlaces).map(([route, reply]) => [route, () => reply])),
  'wishes.similar': () => ({ items: [] }),
  'dispatch.proxyCreate': (d: Record<string, unknown>) => ({
    wish: { id: 'w7', ...d, title: '维修（语音）', status: 'pending_review', createdAt: new Date().toISOString() },
    similar: [],
  }),
};

/** Held for `seconds`: the RecorderManager counts them itself and reports them with its file. */
async function recordElder(seconds: number, file = 'wxfile://tmp/li-guiying.mp3') {
  recorder.next = { tempFilePath: file, duration: seconds * 1000 };
  const hold = await screen.findByRole('button', { name: /按住 (说话|重录)/ });
  fireEvent.touchStart(hold, { touches: [{ clientY: 500 }] });
  clock += seconds * 1000;
  fireEvent.touchEnd(screen.getByRole('button', { name: '松开 结束' }));
  return screen.findByRole('button', { name: `播放录下的语音，${seconds} 秒` });
}

test('the grid worker records 李桂英 saying what she needs, plays it back, and enters it with no title or description typed', async () => {
  const server = fakeServer(routes);
  render(<ProxyPage />);
  await screen.findByText('选择楼栋');
  // The recorder is a chunk of its own in h5 (ProxyForm): it may come after the form's first paint.
  expect(await screen.findByText(/请居民对着手机说出心愿/)).toBeInTheDocument();

  fireEvent.click(screen.getByText('入户走访'));
  fireEvent.change(screen.getByLabelText('居民姓名'), { target: { value: '李桂英' } });
  fireEvent.change(screen.getByLabelText('联系电话'), { target: { value: '07194567890' } });
  fireEvent.click(screen.getByText('维修'));
  fireEvent.click(screen.getByText('地图选点'));
  await screen.findByText('已在地图上选择');
  fireEvent.click(await recordElder(14));
  expect(players.at(-1)).toMatchObject({ src: 'wxfile://tmp/li-guiying.mp3', played: 1 });
  expect(screen.getByText('可不填，将显示为“类别（语音）”')).toBeInTheDocument();

  fireEvent.click(screen.getByText('提交心愿'));
  expect(await screen.findByText('录入成功')).toBeInTheDocument();
  expect(uploads).toEqual(['wxfile://tmp/li-guiying.mp3']);
  const sent = server.calls.find((c) => c.route === 'dispatch.proxyCreate')!.data;
  expect(sent).toMatchObject({ channel: 'door_visit', category: 'repair', beneficiary: { name: '李桂英', phone: '07194567890' }, voice: { url: `/files/${'b'.repeat(64)}.mp3`, seconds: 14 } });
  expect(sent).not.toHaveProperty('title');
  expect(sent).not.toHaveProperty('description');
});

test('deleted, the recording no longer stands in: the title and the description are asked for, and nothing is sent', async () => {
  const server = fakeServer(routes);
  render(<ProxyPage />);
  await screen.findByText('选择楼栋');
  fireEvent.change(screen.getByLabelText('居民姓名'), { target: { value: '李桂英' } });
  fireEvent.click(screen.getByText('维修'));
  await recordElder(6);
  fireEvent.click(screen.getByRole('button', { name: '删除' }));
  expect(screen.queryByRole('button', { name: /播放录下的语音/ })).not.toBeInTheDocument();

  fireEvent.click(screen.getByText('提交心愿'));
  expect(await screen.findByText('请填写标题，或按住说话录一段语音')).toBeInTheDocument();
  expect(screen.getByText('请写下需要什么帮助，或按住说话录一段语音')).toBeInTheDocument();
  await waitFor(() => expect(server.calls.some((c) => c.route === 'dispatch.proxyCreate')).toBe(false));
  expect(uploads).toEqual([]);
});
