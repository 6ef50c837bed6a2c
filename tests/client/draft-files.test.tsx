/**
 * Nothing a person made is lost with a reload or a restart (issue 16): a draft's recording and photos are kept with
 * it. In the browser a recording is a `blob:` URL that dies with the page, so its bytes go into IndexedDB and come back
 * as a new URL with the draft; in the mini-program the recorder's and the album's files are temp files that need not
 * outlive the app, so they are copied into the user data folder. Sent, deleted or recorded again, they are thrown away.
 */
import 'fake-indexeddb/auto';
import v8 from 'node:v8';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import ProxyPage from '../../client/src/packages/staff/pages/proxy/index';
import { taroMock } from './__mocks__/taro';
import { fakeServer } from './support/fakeServer';
import { renderPostForm } from './support/postForm';
import { actAs, fakePlayers, proxyPlaces, type FakePlayer } from './staff-helpers';

// jsdom has no structuredClone, which IndexedDB (here fake-indexeddb) stores values with; Node's v8 clones alike.
Object.assign(globalThis, { structuredClone: (v: unknown) => v8.deserialize(v8.serialize(v)) });

const taro = Taro as unknown as Record<string, unknown>;
let clock = 1_000_000;
const players: FakePlayer[] = [];
const uploads: { path: string; bytes?: string }[] = [];

/** The browser's blob: URLs: each names a Blob until the page goes (`reloadPage`). */
const blobs = new Map<string, Blob>();
let blobCount = 0;
const readBlob = (b: Blob) =>
  new Promise<string>((resolve) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.readAsText(b);
  });

/** The mini-program's files: temp files last while the app runs (`restartApp` clears them), user files stay. */
const files = new Map<string, string>();
const USER = 'wxfile://usr';
const notFound = (path: string) => Object.assign(new Error(`no such file or directory ${path}`), { errMsg: 'fail no such file' });

beforeEach(() => {
  taroMock.reset();
  taroMock.storage.set('xy.token', 'token-res');
  uploads.length = 0;
  clock = 1_000_000;
  jest.spyOn(Date, 'now').mockImplementation(() => clock);
  fakePlayers(players);
  taro.uploadFile = async (req: { filePath: string }) => {
    const blob = blobs.get(req.filePath);
    uploads.push({ path: req.filePath, bytes: blob ? await readBlob(blob) : files.get(req.filePath) });
    if (!blob && !files.has(req.filePath)) throw new Error('uploadFile:fail file not found');
    return { statusCode: 200, data: JSON.stringify({ ok: true, data: { url: `/files/${'c'.repeat(64)}.${req.filePath.split('.').pop() === 'mp3' ? 'mp3' : 'webm'}` } }) };
  };
});
afterEach(() => {
  jest.restoreAllMocks();
  process.env.TARO_ENV = 'h5';
});

const later = (ms: number) => (clock += ms);
const server = () =>
  fakeServer({
    'wishes.similar': () => ({ items: [] }),
    'wishes.create': (d) => ({ wish: { id: 'w9', ...d, status: 'pending_review' } }),
  });

describe('in the browser', () => {
  class FakeMediaRecorder {
    static isTypeSupported = (t: string) => t === 'audio/webm;codecs=opus';
    static said = '';
    state = 'inactive';
    mimeType: string;
    ondataavailable?: (e: { data: Blob }) => void;
    onstop?: () => void;
    constructor(_stream: unknown, opts?: { mimeType?: string }) {
      this.mimeType = opts?.mimeType ?? '';
    }
    start() {
      this.state = 'recording';
    }
    stop() {
      this.state = 'inactive';
      this.ondataavailable?.({ data: new Blob([FakeMediaRecorder.said], { type: this.mimeType }) });
      this.onstop?.();
    }
  }

  beforeEach(() => {
    process.env.TARO_ENV = 'h5';
    blobs.clear();
    Object.assign(globalThis, { MediaRecorder: FakeMediaRecorder });
    Object.defineProperty(navigator, 'mediaDevices', {
      configurable: true,
      value: { getUserMedia: async () => ({ getTracks: () => [{ stop: () => undefined }] }) },
    });
    URL.createObjectURL = (b: Blob) => {
      const url = `blob:http://127.0.0.1/${++blobCount}`;
      blobs.set(url, b);
      return url;
    };
    globalThis.fetch = (async (url: string) => {
      const b = blobs.get(url);
      if (!b) throw new TypeError('Failed to fetch');
      return { ok: true, blob: async () => b };
    }) as unknown as typeof fetch;
  });

  /** A reload: the page's blob: URLs are gone; storage and IndexedDB stay. */
  const reloadPage = (view: { unmount: () => void }) => {
    view.unmount();
    blobs.clear();
  };

  async function say(words: string, seconds: number) {
    FakeMediaRecorder.said = words;
    const hold = screen.getByRole('button', { name: /按住 (说话|重录)/ });
    fireEvent.mouseDown(hold, { clientY: 500 });
    await waitFor(() => expect(screen.getByRole('button', { name: '松开 结束' })).toBeInTheDocument());
    await new Promise((r) => setTimeout(r, 0));
    later(seconds * 1000);
    fireEvent.mouseUp(screen.getByRole('button', { name: '松开 结束' }));
    return screen.findByRole('button', { name: `播放您录的语音，${seconds} 秒` });
  }

  /** The recording the stored draft holds now (after a reload, once its new URL is in). */
  const draftVoice = () => (taroMock.storage.get('xy.draft.new') as { voice?: { src: string } } | undefined)?.voice?.src ?? '';

  /** What is kept in IndexedDB, by key. */
  const keptKeys = () =>
    new Promise<string[]>((resolve, reject) => {
      const open = indexedDB.open('xy-drafts', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('files');
      open.onsuccess = () => {
        const req = open.result.transaction('files').objectStore('files').getAllKeys();
        req.onsuccess = () => {
          open.result.close();
          resolve(req.result.map(String));
        };
        req.onerror = () => reject(req.error);
      };
    });

  test('a recording in a draft plays after a reload, and is sent with the wish; sent, nothing is kept', async () => {
    const calls = server();
    const first = renderPostForm();
    fireEvent.click(await screen.findByText('维修'));
    await say('阳台的晾衣架卡住了', 9);
    await waitFor(async () => expect(await keptKeys()).toHaveLength(1));

    reloadPage(first);
    const { onDone } = renderPostForm();
    const bar = await screen.findByRole('button', { name: '播放您录的语音，9 秒' });
    await waitFor(() => expect(blobs.has(draftVoice())).toBe(true));
    fireEvent.click(bar);
    const played = players.at(-1)!;
    expect(played.played).toBe(1);
    expect(await readBlob(blobs.get(played.src)!)).toBe('阳台的晾衣架卡住了');
    expect(screen.queryByText('语音无法播放')).not.toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: '提交心愿' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(uploads).toEqual([{ path: played.src, bytes: '阳台的晾衣架卡住了' }]);
    expect(calls.calls.find((c) => c.route === 'wishes.create')!.data).toMatchObject({ voice: { seconds: 9 } });
    await waitFor(async () => expect(await keptKeys()).toEqual([]));
  });

  test('deleted, the recording is not kept; recorded again, only the new one is', async () => {
    const view = renderPostForm();
    await say('第一遍', 5);
    await waitFor(async () => expect(await keptKeys()).toHaveLength(1));
    fireEvent.click(screen.getByRole('button', { name: '删除' }));
    await waitFor(async () => expect(await keptKeys()).toEqual([]));

    await say('第二遍', 6);
    await say('第三遍', 7);
    await waitFor(async () => expect(JSON.stringify(await keptKeys())).toBe(JSON.stringify([`xy.draft.new\n${draftVoice()}`])));
    reloadPage(view);
    renderPostForm();
    const bar = await screen.findByRole('button', { name: '播放您录的语音，7 秒' });
    await waitFor(() => expect(blobs.has(draftVoice())).toBe(true));
    fireEvent.click(bar);
    expect(await readBlob(blobs.get(players.at(-1)!.src)!)).toBe('第三遍');
  });

  test('recorded again while the first recording is still being kept, the second is the one that stays', async () => {
    // The first recording's bytes are still being read when she records again (a slow phone).
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const fetchNow = globalThis.fetch;
    globalThis.fetch = ((url: string) => slow.then(() => fetchNow(url))) as typeof fetch;
    const view = renderPostForm();
    await say('第一遍', 5);
    await say('第二遍', 6);
    release();
    await waitFor(async () => expect(await keptKeys()).toEqual([`xy.draft.new\n${draftVoice()}`]));

    reloadPage(view);
    renderPostForm();
    const bar = await screen.findByRole('button', { name: '播放您录的语音，6 秒' });
    await waitFor(() => expect(blobs.has(draftVoice())).toBe(true));
    fireEvent.click(bar);
    expect(await readBlob(blobs.get(players.at(-1)!.src)!)).toBe('第二遍');
  });

  test('photos picked for a draft show again after a reload', async () => {
    const view = renderPostForm();
    const photo = URL.createObjectURL(new Blob(['照片：漏水的水管'], { type: 'image/jpeg' }));
    taro.chooseImage = async () => ({ tempFilePaths: [photo] });
    fireEvent.click(await screen.findByRole('button', { name: '添加照片' }));
    await waitFor(() => expect(document.querySelector(`img[src="${photo}"]`)).not.toBeNull());
    await waitFor(async () => expect(await keptKeys()).toHaveLength(1));

    reloadPage(view);
    renderPostForm();
    await waitFor(() => expect(blobs.size).toBe(1));
    const [fresh] = [...blobs.keys()];
    expect(fresh).not.toBe(photo);
    expect(await readBlob(blobs.get(fresh)!)).toBe('照片：漏水的水管');
    await waitFor(() => expect(document.querySelector(`img[src="${fresh}"]`)).not.toBeNull());
  });

  test('a recording whose bytes were lost (storage cleared) is taken out of the draft, not shown as 语音无法播放', async () => {
    taroMock.storage.set('xy.draft.new', { title: '', description: '', photos: [], voice: { src: 'blob:http://127.0.0.1/gone', seconds: 4 } });
    renderPostForm();
    await waitFor(() => expect(screen.queryByRole('button', { name: /播放您录的语音/ })).not.toBeInTheDocument());
    expect(screen.getByRole('button', { name: '按住 说话' })).toBeInTheDocument();
  });
});

describe('in the mini-program', () => {
  type StopResult = { tempFilePath: string; duration: number };
  const recorder = { onStop: undefined as undefined | ((r: StopResult) => void), next: { tempFilePath: '', duration: 0 } };

  beforeEach(() => {
    process.env.TARO_ENV = 'weapp';
    files.clear();
    taro.env = { USER_DATA_PATH: USER };
    taro.getRecorderManager = () => ({
      start: () => undefined,
      stop: () => {
        files.set(recorder.next.tempFilePath, `录音 ${recorder.next.tempFilePath}`);
        recorder.onStop?.(recorder.next);
      },
      onStop: (cb: (r: StopResult) => void) => (recorder.onStop = cb),
      onError: () => undefined,
    });
    const dirs = new Set<string>();
    taro.getFileSystemManager = () => ({
      accessSync: (p: string) => {
        if (!files.has(p) && !dirs.has(p)) throw notFound(p);
      },
      mkdirSync: (p: string) => void dirs.add(p),
      copyFileSync: (from: string, to: string) => {
        if (!files.has(from)) throw notFound(from);
        files.set(to, files.get(from)!);
      },
      readdirSync: (dir: string) => {
        if (!dirs.has(dir)) throw notFound(dir);
        return [...files.keys()].filter((p) => p.startsWith(`${dir}/`)).map((p) => p.slice(dir.length + 1));
      },
      unlinkSync: (p: string) => {
        if (!files.delete(p)) throw notFound(p);
      },
    });
  });

  /** WeChat closed and opened again: its temp files need not be there any more. */
  const restartApp = (view: { unmount: () => void }) => {
    view.unmount();
    for (const p of [...files.keys()]) if (p.startsWith('wxfile://tmp')) files.delete(p);
  };
  /** The copies kept for a draft: its folder is named by the draft's storage key, each character not [\w.-] as _. */
  const draftCopies = (scope: string) => [...files.keys()].filter((p) => p.startsWith(`${USER}/drafts/${scope}/`));

  async function hold(seconds: number, tempFilePath: string, name = '您录的语音') {
    recorder.next = { tempFilePath, duration: seconds * 1000 };
    fireEvent.touchStart(await screen.findByRole('button', { name: /按住 (说话|重录)/ }), { touches: [{ clientY: 500 }] });
    later(seconds * 1000);
    fireEvent.touchEnd(screen.getByRole('button', { name: '松开 结束' }));
    return screen.findByRole('button', { name: `播放${name}，${seconds} 秒` });
  }

  test("the recorder's temp file is copied into the user data folder; after a restart the draft plays the copy, and sending throws it away", async () => {
    server();
    const first = renderPostForm();
    fireEvent.click(await screen.findByText('维修'));
    await hold(12, 'wxfile://tmp/voice-1.mp3');
    await waitFor(() => expect(draftCopies('xy.draft.new')).toHaveLength(1));
    const [copy] = draftCopies('xy.draft.new');
    expect(copy).toMatch(/\.mp3$/);

    restartApp(first);
    const { onDone } = renderPostForm();
    fireEvent.click(await screen.findByRole('button', { name: '播放您录的语音，12 秒' }));
    expect(players.at(-1)).toMatchObject({ src: copy, played: 1 });

    fireEvent.click(screen.getByRole('button', { name: '提交心愿' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(uploads).toEqual([{ path: copy, bytes: '录音 wxfile://tmp/voice-1.mp3' }]);
    await waitFor(() => expect(draftCopies('xy.draft.new')).toEqual([]));
  });

  test('recorded again, only the new recording is kept; deleted, none', async () => {
    renderPostForm();
    await hold(5, 'wxfile://tmp/first.mp3');
    await hold(8, 'wxfile://tmp/second.mp3');
    await waitFor(() => expect(draftCopies('xy.draft.new').map((p) => files.get(p))).toEqual(['录音 wxfile://tmp/second.mp3']));
    fireEvent.click(screen.getByRole('button', { name: '删除' }));
    await waitFor(() => expect(draftCopies('xy.draft.new')).toEqual([]));
  });

  test("代录心愿: the elder's recording survives the grid worker's WeChat being closed mid-visit", async () => {
    actAs('grid_worker');
    fakeServer(Object.fromEntries(Object.entries(proxyPlaces).map(([route, reply]) => [route, () => reply])));
    const first = render(<ProxyPage />);
    await screen.findByText('选择楼栋');
    fireEvent.change(screen.getByLabelText('居民姓名'), { target: { value: '李桂英' } });
    await hold(14, 'wxfile://tmp/li.mp3', '录下的语音');
    await waitFor(() => expect(draftCopies('xy.staff.proxyDraft_u-staff')).toHaveLength(1));

    restartApp(first);
    render(<ProxyPage />);
    fireEvent.click(await screen.findByRole('button', { name: '播放录下的语音，14 秒' }));
    expect(players.at(-1)).toMatchObject({ src: draftCopies('xy.staff.proxyDraft_u-staff')[0], played: 1 });
    expect(screen.getByDisplayValue('李桂英')).toBeInTheDocument();
  });
});
