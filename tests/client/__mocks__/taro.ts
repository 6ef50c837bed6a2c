/**
 * Test double for @tarojs/taro: in-memory storage, a request function a test points at
 * a fake server, recorded navigation and toasts, and page hooks that run like React
 * effects. `taroMock` is the handle tests use to steer and inspect it.
 */
import { useEffect } from 'react';

type RequestOptions = { url: string; method?: string; data?: unknown; header?: Record<string, string> };
type RequestReply = { statusCode: number; data: unknown };

const storage = new Map<string, unknown>();

export const taroMock = {
  storage,
  /** Where Taro.request goes; throw to simulate the network being down. */
  handler: (async () => ({ statusCode: 404, data: null })) as (req: RequestOptions) => Promise<RequestReply> | RequestReply,
  requests: [] as RequestOptions[],
  toasts: [] as string[],
  navigations: [] as { kind: string; url: string }[],
  phoneCalls: [] as string[],
  /** What was put on the clipboard (setClipboardData). */
  clipboard: [] as string[],
  /** Places shown in the map app (openLocation). */
  opened: [] as { latitude: number; longitude: number; name?: string; address?: string }[],
  modalAnswer: true,
  routerParams: {} as Record<string, string>,
  /** The page stack getCurrentPages answers, top last (a page's `options` are its query). */
  pages: [{ route: 'pages/test/index' }] as { route: string; options?: Record<string, string> }[],
  /** Each pageScrollTo: the offset, or the selector it scrolled to. */
  scrolls: [] as (number | string)[],
  location: { longitude: 110.1146, latitude: 32.8094 } as { longitude: number; latitude: number } | Error,
  /** What the map picker answers; an Error rejects with its message as `errMsg`, as Taro's h5 does without a map key. */
  picked: { longitude: 110.12, latitude: 32.81, name: '白河县人民医院', address: '白河县城关镇' } as { longitude: number; latitude: number; name: string; address: string } | Error,
  /** The coordinate system each getLocation call asked for. */
  locationTypes: [] as (string | undefined)[],
  /** The share handler the open page registered (useShareAppMessage): what a forward to a WeChat group would carry. */
  share: undefined as undefined | (() => { title?: string; path?: string; imageUrl?: string }),
  reset() {
    storage.clear();
    this.handler = async () => ({ statusCode: 404, data: null });
    this.requests = [];
    this.toasts = [];
    this.navigations = [];
    this.phoneCalls = [];
    this.clipboard = [];
    this.opened = [];
    this.modalAnswer = true;
    this.routerParams = {};
    this.pages = [{ route: 'pages/test/index' }];
    this.scrolls = [];
    this.location = { longitude: 110.1146, latitude: 32.8094 };
    this.picked = { longitude: 110.12, latitude: 32.81, name: '白河县人民医院', address: '白河县城关镇' };
    this.locationTypes = [];
    this.share = undefined;
  },
};

const ok = <T>(value: T) => Promise.resolve(value);
const nav = (kind: string) => (opts: { url: string }) => {
  taroMock.navigations.push({ kind, url: opts.url });
  return ok({ errMsg: `${kind}:ok` });
};

const Taro = {
  getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
  setStorageSync: (key: string, value: unknown) => void storage.set(key, JSON.parse(JSON.stringify(value))),
  removeStorageSync: (key: string) => void storage.delete(key),
  async request(opts: RequestOptions): Promise<RequestReply> {
    taroMock.requests.push(opts);
    const reply = await taroMock.handler(opts);
    return reply;
  },
  showToast: (opts: { title: string }) => {
    taroMock.toasts.push(opts.title);
    return ok({ errMsg: 'showToast:ok' });
  },
  showModal: () => ok({ confirm: taroMock.modalAnswer, cancel: !taroMock.modalAnswer }),
  showLoading: () => ok({}),
  hideLoading: () => ok({}),
  navigateTo: nav('navigateTo'),
  redirectTo: nav('redirectTo'),
  reLaunch: nav('reLaunch'),
  switchTab: nav('switchTab'),
  navigateBack: () => {
    taroMock.navigations.push({ kind: 'navigateBack', url: '' });
    return ok({});
  },
  getCurrentPages: () => taroMock.pages,
  getCurrentInstance: () => ({ router: { path: `/${taroMock.pages.at(-1)?.route ?? ''}`, params: { ...taroMock.routerParams } } }),
  pageScrollTo: (opts: { scrollTop?: number; selector?: string }) => {
    taroMock.scrolls.push(opts.selector ?? opts.scrollTop ?? 0);
    return ok({});
  },
  stopPullDownRefresh: () => undefined,
  login: () => ok({ code: 'test-code' }),
  getLocation: (opts: { type?: string } = {}) => {
    taroMock.locationTypes.push(opts.type);
    return taroMock.location instanceof Error ? Promise.reject(taroMock.location) : ok({ ...taroMock.location });
  },
  chooseLocation: () => (taroMock.picked instanceof Error ? Promise.reject({ errMsg: taroMock.picked.message }) : ok({ ...taroMock.picked })),
  chooseImage: () => ok({ tempFilePaths: [] }),
  requestSubscribeMessage: () => ok({}),
  openLocation: (opts: { latitude: number; longitude: number; name?: string; address?: string }) => {
    taroMock.opened.push(opts);
    return ok({});
  },
  setClipboardData: (opts: { data: string }) => {
    taroMock.clipboard.push(opts.data);
    return ok({ errMsg: 'setClipboardData:ok' });
  },
  makePhoneCall: (opts: { phoneNumber: string }) => {
    taroMock.phoneCalls.push(opts.phoneNumber);
    return ok({});
  },
  cloud: undefined as unknown,
};

export const useLoad = (fn: (params: Record<string, string>) => void) => {
  useEffect(() => fn(taroMock.routerParams), []);
};
export const useLaunch = useLoad;
export const useDidShow = (_fn: () => void) => undefined;
export const useDidHide = (_fn: () => void) => undefined;
export const usePullDownRefresh = (_fn: () => void) => undefined;
export const useReachBottom = (_fn: () => void) => undefined;
export const useShareAppMessage = (fn: () => { title?: string; path?: string; imageUrl?: string }) => {
  taroMock.share = fn;
};
export const useRouter = () => ({ params: taroMock.routerParams, path: '/pages/test/index' });

export default Taro;
