/**
 * 语音心愿 (issue 16): the resident presses and holds 按住 说话 (WeChat's RecorderManager in the mini-program, the
 * browser's MediaRecorder on h5), lets go to keep it or slides up to throw it away, plays it back, deletes or records
 * again, and posts with nothing but a category, a place and the voice note.
 */
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { taroMock } from './__mocks__/taro';
import { fakeServer } from './support/fakeServer';
import { renderPostForm } from './support/postForm';

type StopResult = { tempFilePath: string; duration: number };
const recorder = {
  started: [] as Record<string, unknown>[],
  stops: 0,
  onStop: undefined as undefined | ((r: StopResult) => void),
  onError: undefined as undefined | ((e: { errMsg: string }) => void),
  /** What the next stop reports (the manager counts the milliseconds itself). */
  next: { tempFilePath: 'wxfile://tmp/voice-1.mp3', duration: 12_000 } as StopResult,
};
const players: { src: string; played: number; stopped: number }[] = [];

const taro = Taro as unknown as Record<string, unknown>;
let clock = 1_000_000;

beforeEach(() => {
  taroMock.reset();
  taroMock.storage.set('xy.token', 'token-res');
  recorder.started = [];
  recorder.stops = 0;
  players.length = 0;
  clock = 1_000_000;
  jest.spyOn(Date, 'now').mockImplementation(() => clock);
  taro.getRecorderManager = () => ({
    start: (opts: Record<string, unknown>) => recorder.started.push(opts),
    stop: () => {
      recorder.stops++;
      recorder.onStop?.(recorder.next);
    },
    onStop: (cb: (r: StopResult) => void) => (recorder.onStop = cb),
    onError: (cb: (e: { errMsg: string }) => void) => (recorder.onError = cb),
  });
  taro.createInnerAudioContext = () => {
    const p = { src: '', played: 0, stopped: 0 };
    players.push(p);
    return {
      set src(v: string) {
        p.src = v;
      },
      play: () => p.played++,
      stop: () => p.stopped++,
      destroy: () => undefined,
      onEnded: () => undefined,
      onStop: () => undefined,
      onError: () => undefined,
    };
  };
  taro.uploadFile = async (req: { filePath: string }) => ({
    statusCode: 200,
    data: JSON.stringify({ ok: true, data: { url: `/files/${'a'.repeat(64)}.${req.filePath.endsWith('.mp3') ? 'mp3' : 'webm'}` } }),
  });
});
afterEach(() => {
  jest.restoreAllMocks();
  process.env.TARO_ENV = 'h5';
});

const hold = () => screen.getByRole('button', { name: /按住 (说话|重录)|松开/ });
const later = (ms: number) => (clock += ms);

describe('in the mini-program (RecorderManager)', () => {
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp';
  });

  test('hold to speak, let go to keep it: an mp3 of up to a minute, shown with its seconds, played on a tap', async () => {
    renderPostForm();
    fireEvent.touchStart(hold(), { touches: [{ clientY: 500 }] });
    expect(recorder.started).toEqual([expect.objectContaining({ format: 'mp3', duration: 60_000 })]);
    expect(screen.getByRole('button', { name: '松开 结束' })).toBeInTheDocument();
    later(12_000);
    fireEvent.touchEnd(hold());
    const bar = await screen.findByRole('button', { name: '播放您录的语音，12 秒' });
    expect(bar).toHaveTextContent('12″');
    fireEvent.click(bar);
    expect(players.at(-1)).toMatchObject({ src: 'wxfile://tmp/voice-1.mp3', played: 1 });
    expect(screen.getByRole('button', { name: '停止播放您录的语音，12 秒' })).toBeInTheDocument();
  });

  test('sliding up before letting go throws the recording away', async () => {
    renderPostForm();
    fireEvent.touchStart(hold(), { touches: [{ clientY: 500 }] });
    fireEvent.touchMove(hold(), { touches: [{ clientY: 400 }] });
    expect(screen.getByRole('button', { name: '松开手指，取消录音' })).toBeInTheDocument();
    later(5_000);
    fireEvent.touchEnd(hold());
    expect(recorder.stops).toBe(1);
    await waitFor(() => expect(screen.getByRole('button', { name: '按住 说话' })).toBeInTheDocument());
    expect(screen.queryByRole('button', { name: /播放/ })).not.toBeInTheDocument();
  });

  test('a tap is not speech: it says to hold, and keeps nothing', async () => {
    recorder.next = { tempFilePath: 'wxfile://tmp/tap.mp3', duration: 300 };
    renderPostForm();
    fireEvent.touchStart(hold(), { touches: [{ clientY: 500 }] });
    later(300);
    fireEvent.touchEnd(hold());
    expect(await screen.findByText('说话时间太短，请按住说话')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /播放/ })).not.toBeInTheDocument();
    recorder.next = { tempFilePath: 'wxfile://tmp/voice-1.mp3', duration: 12_000 };
  });

  test('delete, then hold again to record anew', async () => {
    renderPostForm();
    fireEvent.touchStart(hold(), { touches: [{ clientY: 500 }] });
    later(12_000);
    fireEvent.touchEnd(hold());
    await screen.findByRole('button', { name: /播放您录的语音/ });
    expect(hold()).toHaveAccessibleName('按住 重录');
    fireEvent.click(screen.getByRole('button', { name: '删除' }));
    expect(screen.queryByRole('button', { name: /播放您录的语音/ })).not.toBeInTheDocument();
    recorder.next = { tempFilePath: 'wxfile://tmp/voice-2.mp3', duration: 30_000 };
    fireEvent.touchStart(hold(), { touches: [{ clientY: 500 }] });
    later(30_000);
    fireEvent.touchEnd(hold());
    expect(await screen.findByRole('button', { name: '播放您录的语音，30 秒' })).toBeInTheDocument();
    recorder.next = { tempFilePath: 'wxfile://tmp/voice-1.mp3', duration: 12_000 };
  });

  test('no microphone permission: it says how to allow it', async () => {
    renderPostForm();
    fireEvent.touchStart(hold(), { touches: [{ clientY: 500 }] });
    act(() => recorder.onError?.({ errMsg: 'operateRecorder:fail auth deny' }));
    expect(await screen.findByText('没有麦克风权限，请在设置中允许使用麦克风后再试')).toBeInTheDocument();
  });

  test('a category, the place and the voice note are a wish: the recording is uploaded and posted with its seconds, no words needed', async () => {
    const server = fakeServer({ 'wishes.similar': () => ({ items: [] }), 'wishes.create': (d) => ({ wish: { id: 'w9', ...d, status: 'pending_review' } }) });
    const { onDone } = renderPostForm();
    fireEvent.click(await screen.findByText('维修'));
    fireEvent.touchStart(hold(), { touches: [{ clientY: 500 }] });
    later(12_000);
    fireEvent.touchEnd(hold());
    await screen.findByRole('button', { name: /播放您录的语音/ });
    fireEvent.click(screen.getByRole('button', { name: '提交心愿' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    const create = server.calls.find((c) => c.route === 'wishes.create')!;
    expect(create.data).toMatchObject({ category: 'repair', title: '维修（语音）', voice: { url: `/files/${'a'.repeat(64)}.mp3`, seconds: 12 } });
    expect(create.data.description).toBeUndefined();
  });

  test('without a voice note or words, the form asks for them', async () => {
    renderPostForm();
    fireEvent.click(await screen.findByText('维修'));
    fireEvent.click(screen.getByRole('button', { name: '提交心愿' }));
    expect(await screen.findByText('请写下需要什么帮助，或按住说话录一段语音')).toBeInTheDocument();
  });
});

describe('in the browser (MediaRecorder)', () => {
  class FakeMediaRecorder {
    static isTypeSupported = (t: string) => t === 'audio/webm;codecs=opus';
    static made: FakeMediaRecorder[] = [];
    state = 'inactive';
    mimeType: string;
    ondataavailable?: (e: { data: Blob }) => void;
    onstop?: () => void;
    constructor(readonly stream: unknown, opts?: { mimeType?: string }) {
      this.mimeType = opts?.mimeType ?? '';
      FakeMediaRecorder.made.push(this);
    }
    start() {
      this.state = 'recording';
    }
    stop() {
      this.state = 'inactive';
      this.ondataavailable?.({ data: new Blob(['opus'], { type: this.mimeType }) });
      this.onstop?.();
    }
  }
  const released: string[] = [];
  let permission: 'granted' | 'denied' = 'granted';

  beforeEach(() => {
    FakeMediaRecorder.made = [];
    released.length = 0;
    permission = 'granted';
    Object.assign(globalThis, { MediaRecorder: FakeMediaRecorder });
    Object.defineProperty(navigator, 'mediaDevices', {
      configurable: true,
      value: {
        getUserMedia: async () => {
          if (permission === 'denied') throw Object.assign(new Error('Permission denied'), { name: 'NotAllowedError' });
          return { getTracks: () => [{ stop: () => released.push('mic') }] };
        },
      },
    });
    URL.createObjectURL = () => 'blob:http://127.0.0.1/voice-1';
  });

  test('held with the mouse: webm from the microphone, the microphone let go after', async () => {
    renderPostForm();
    fireEvent.mouseDown(hold(), { clientY: 500 });
    await waitFor(() => expect(FakeMediaRecorder.made).toHaveLength(1));
    expect(FakeMediaRecorder.made[0].mimeType).toBe('audio/webm;codecs=opus');
    later(7_000);
    fireEvent.mouseUp(hold());
    const bar = await screen.findByRole('button', { name: '播放您录的语音，7 秒' });
    expect(released).toEqual(['mic']);
    fireEvent.click(bar);
    expect(players.at(-1)).toMatchObject({ src: 'blob:http://127.0.0.1/voice-1', played: 1 });
  });

  test('the microphone refused: it says how to allow it, and nothing is recorded', async () => {
    permission = 'denied';
    renderPostForm();
    fireEvent.mouseDown(hold(), { clientY: 500 });
    expect(await screen.findByText('没有麦克风权限，请在设置中允许使用麦克风后再试')).toBeInTheDocument();
    fireEvent.mouseUp(hold());
    expect(FakeMediaRecorder.made).toHaveLength(0);
  });
});
