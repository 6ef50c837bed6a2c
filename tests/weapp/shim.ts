/* eslint-disable @typescript-eslint/no-explicit-any -- shims untyped WeChat runtime objects and Taro render trees */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

/**
 * Runs the compiled mini-program's JS in a Node sandbox with `wx`, `App`, `Page` and
 * `Component` shimmed. Each page instance records what Taro renders through setData,
 * so a test can read the tree and fire taps the way the WeChat view layer would.
 */
export interface PageInstance {
  route: string;
  data: Record<string, unknown>;
  options: Record<string, any>;
  setData(patch: Record<string, unknown>, cb?: () => void): void;
}

export function loadWeapp(dir: string) {
  const storage = new Map<string, unknown>();
  const requests: { url: string; data: unknown }[] = [];
  let app: Record<string, any> | undefined;
  const pages = new Map<string, Record<string, any>>();
  let currentRoute = '';
  const stack: PageInstance[] = [];

  const ok = (opts: any = {}, res: any = {}) => {
    opts?.success?.(res);
    opts?.complete?.(res);
    return Promise.resolve(res);
  };
  const wx: Record<string, any> = new Proxy(
    {
      getSystemInfoSync: () => ({ platform: 'devtools', windowWidth: 375, windowHeight: 812, pixelRatio: 2, SDKVersion: '3.4.0', language: 'zh_CN', version: '8.0.0' }),
      getSystemInfo: (o: any) => ok(o, wx.getSystemInfoSync()),
      getWindowInfo: () => ({ windowWidth: 375, windowHeight: 812, pixelRatio: 2 }),
      getAppBaseInfo: () => ({ SDKVersion: '3.4.0', language: 'zh_CN' }),
      getDeviceInfo: () => ({ platform: 'devtools' }),
      getStorageSync: (k: string) => (storage.has(k) ? storage.get(k) : ''),
      setStorageSync: (k: string, v: unknown) => void storage.set(k, v),
      removeStorageSync: (k: string) => void storage.delete(k),
      request: (o: any) => {
        requests.push({ url: o.url, data: o.data });
        const res = { statusCode: 503, data: '' };
        setTimeout(() => o.fail?.({ errMsg: 'request:fail offline in smoke test' }), 0);
        return { abort() {} , res };
      },
      nextTick: (fn: () => void) => setTimeout(fn, 0),
      createSelectorQuery: () => ({ select: () => ({ boundingClientRect: () => ({ exec: () => undefined }) }), exec: () => undefined }),
      showToast: ok,
      showModal: (o: any) => ok(o, { confirm: true }),
      navigateTo: ok,
      redirectTo: ok,
      reLaunch: ok,
      stopPullDownRefresh: ok,
      getLocation: (o: any) => {
        o?.fail?.({ errMsg: 'getLocation:fail auth deny' });
        return Promise.reject(new Error('deny'));
      },
      chooseLocation: (o: any) => ok(o, { longitude: 110.12, latitude: 32.81, name: '白河县人民医院', address: '城关镇' }),
      onAppRoute: () => undefined,
      onAppShow: () => undefined,
      onAppHide: () => undefined,
    },
    // Unknown APIs succeed quietly; webpack's chunk registry (wx.webpackJsonp) must stay a plain property.
    { get: (t: any, k: string) => (k in t ? t[k] : typeof k === 'string' && !k.startsWith('webpack') ? (o: any) => ok(o) : undefined) },
  );

  const sandbox: Record<string, any> = {
    wx,
    console,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    Promise,
    requestAnimationFrame: (fn: (t: number) => void) => setTimeout(() => fn(Date.now()), 16),
    cancelAnimationFrame: clearTimeout,
    App: (options: Record<string, any>) => {
      app = options;
    },
    Page: (options: Record<string, any>) => {
      pages.set(currentRoute, options);
    },
    Component: (options: Record<string, any>) => {
      // Taro's custom-wrapper / comp register as components; pages register via Page.
      pages.set(`component:${currentRoute}`, options);
    },
    Behavior: (o: unknown) => o,
    getApp: () => app,
    getCurrentPages: () => stack,
  };
  sandbox.global = sandbox;
  sandbox.globalThis = sandbox;
  vm.createContext(sandbox);

  const cache = new Map<string, unknown>();
  const requireIn = (fromDir: string) => (request: string) => {
    let file = path.resolve(fromDir, request);
    if (!file.endsWith('.js')) file += '.js';
    if (cache.has(file)) return (cache.get(file) as { exports: unknown }).exports;
    const mod = { exports: {} as unknown };
    cache.set(file, mod);
    const code = fs.readFileSync(file, 'utf8');
    const fn = vm.runInContext(`(function (require, module, exports) {${code}\n})`, sandbox, { filename: file });
    fn(requireIn(path.dirname(file)), mod, mod.exports);
    return mod.exports;
  };

  const appJson = JSON.parse(fs.readFileSync(path.join(dir, 'app.json'), 'utf8'));
  currentRoute = 'app';
  requireIn(dir)('./app.js');
  app?.onLaunch?.call(app, { path: appJson.pages[0], query: {} });

  /** Load a page's compiled JS and run its lifecycle like WeChat does. */
  function open(route: string, query: Record<string, string> = {}): PageInstance {
    currentRoute = route;
    requireIn(dir)(`./${route}.js`);
    const options = pages.get(route);
    if (!options) throw new Error(`Page() was not called by ${route}.js`);
    const inst: PageInstance = {
      route,
      data: JSON.parse(JSON.stringify(options.data ?? {})),
      options,
      setData(patch, cb) {
        for (const [k, v] of Object.entries(patch)) setPath(inst.data, k, v);
        cb?.();
      },
    };
    for (const [k, v] of Object.entries(options)) if (typeof v === 'function') (inst as any)[k] = v.bind(inst);
    Object.assign(inst, { __wxExparserNodeId__: route, is: route });
    stack.push(inst);
    options.onLoad?.call(inst, query);
    options.onShow?.call(inst);
    options.onReady?.call(inst);
    return inst;
  }

  return { app: () => app, appJson, open, storage, requests };
}

/** Apply a setData key like `root.cn.[0].cn.[2].v` to a plain object. */
function setPath(target: Record<string, any>, key: string, value: unknown): void {
  const parts = key.replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean);
  let node: any = target;
  for (const [i, p] of parts.entries()) {
    if (i === parts.length - 1) node[p] = JSON.parse(JSON.stringify(value ?? null));
    else node = node[p] ??= /^\d+$/.test(parts[i + 1]) ? [] : {};
  }
}

/** All text in a rendered Taro tree (nodes carry text in `v`, children in `cn`). */
export function textOf(node: any): string {
  if (!node || typeof node !== 'object') return '';
  const own = typeof node.v === 'string' ? node.v : '';
  return own + (Array.isArray(node.cn) ? node.cn.map(textOf).join('') : '');
}

/** The innermost node whose text contains `text`, with its Taro id (`sid`/`uid`) for events. */
export function findNode(node: any, text: string): any {
  if (!node || typeof node !== 'object') return undefined;
  for (const c of Array.isArray(node.cn) ? node.cn : []) {
    const hit = findNode(c, text);
    if (hit) return hit;
  }
  // Elements only: text nodes (`v`) can't receive events.
  return typeof node.v !== 'string' && node.sid && textOf(node).includes(text) ? node : undefined;
}

/** The first node (depth-first) that satisfies `test`. */
export function findWhere(node: any, test: (n: any) => boolean): any {
  if (!node || typeof node !== 'object') return undefined;
  if (test(node)) return node;
  for (const c of Array.isArray(node.cn) ? node.cn : []) {
    const hit = findWhere(c, test);
    if (hit) return hit;
  }
  return undefined;
}
