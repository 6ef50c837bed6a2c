/* eslint-disable @typescript-eslint/no-explicit-any -- shims the untyped WeChat runtime (wx, App, Page) around Taro's compiled output */
import path from 'node:path';

/**
 * Runs the compiled mini-program (`dist/weapp`) under miniprogram-simulate, with `wx`, `App` and
 * `Page` shimmed, the way the WeChat client would: app.js boots first, then a page's js registers
 * its Page(), and the page's wxml — Taro's `base.wxml` templates, compiled by the official wcc that
 * miniprogram-simulate ships — is rendered by j-component into a DOM from the data Taro sets.
 * Taps and input go through miniprogram-simulate's event dispatch, so they reach the page exactly
 * as the view layer's events would: `bindtap="eh"` on the rendered node, then Taro's event handler.
 *
 * Needs a DOM: test files using it run under `@jest-environment jsdom`.
 */

/** A cloud-function call as the client made it: `POST /api/fn/<fn>` with `{action, data, requestId?}`. */
export interface FunctionCall {
  fn: string;
  action: string;
  data: Record<string, any>;
  requestId?: string;
}

/** The server's envelope for a call, or undefined for "nothing answered" (the phone is offline). */
export type Reply = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } } | undefined;

/** A request the page made to a real server, and what came back (status 0: it never arrived). */
export interface Exchange {
  url: string;
  call?: FunctionCall;
  status: number;
  reply: any;
}

/** The rendered tree as j-component serialises it: tag, attributes as rendered, children (text as strings). */
export interface RenderedNode {
  tagName: string;
  attrs: { name: string; value: any }[];
  children: (RenderedNode | string)[];
}

/** The parts of a miniprogram-simulate component this harness uses (its own typings pull in the global wx typings). */
interface SimulatedComponent {
  readonly dom: HTMLElement;
  dispatchEvent(name: string, options?: { detail?: unknown }): void;
  querySelector(selector: string): SimulatedComponent | undefined;
  toJSON(): RenderedNode;
  attach(parent: Node): void;
  detach(): void;
}
interface Simulate {
  load(componentPath: string, options: { rootPath: string }): string;
  render(id: string): SimulatedComponent;
}

export interface OpenPage {
  /** Everything the page shows, as text. */
  text(): string;
  /** The rendered tree (for attributes the DOM doesn't carry, such as an input's value). */
  tree(): RenderedNode;
  /**
   * Tap what shows `label`: the innermost rendered element with that text; the tap bubbles from there.
   * `within`: only inside the smallest element that shows both it and `label` (one card of a list).
   */
  tap(label: string, within?: string): void;
  /** Type into the input or textarea whose placeholder contains `placeholder`. */
  type(placeholder: string, value: string): void;
  /** The value the input or textarea whose placeholder contains `placeholder` renders. */
  valueOf(placeholder: string): unknown;
  /** Wait until `test` holds (Taro renders asynchronously, after React commits). */
  until(test: () => boolean, what: string): Promise<void>;
  /** Leave the page (onUnload). */
  close(): void;
}

/**
 * `storage`: what the phone has stored before the app starts (a sign-in). The app reads its session
 * once and keeps it, as in WeChat: a different person is a fresh boot (after jest.resetModules()).
 */
export function bootWeapp(dist: string, opts: { storage?: Record<string, unknown> } = {}) {
  // miniprogram-simulate installs its own Component (the one j-component registers), a wx API mock
  // and the built-in components (wx-view, wx-input…) when it is first required.
  const simulate = require('miniprogram-simulate') as Simulate;
  const g = globalThis as any;
  const simulatedWx = g.wx as Record<string, any>;
  const registerComponent = g.Component as (definition: Record<string, unknown>) => void;

  const storage = new Map<string, unknown>(Object.entries(opts.storage ?? {}));
  const calls: FunctionCall[] = [];
  const toasts: string[] = [];
  const navigations: { api: string; url: string }[] = [];
  /** Requests WeChat would refuse: URLs that are not absolute. */
  const invalidUrls: string[] = [];
  let respond: (call: FunctionCall) => Reply = () => undefined;
  /** Once set (`useServer`), requests go over the network to the very URL the page built. */
  let live = false;
  /** What the server answered each request, in order (live mode). */
  const exchanges: Exchange[] = [];

  let inFlight = 0;
  function overHttp(opts: any, call: FunctionCall | undefined) {
    const http = require('node:http') as typeof import('node:http');
    inFlight++;
    const payload = opts.data === undefined || (opts.method ?? 'GET') === 'GET' ? undefined : typeof opts.data === 'string' ? opts.data : JSON.stringify(opts.data);
    const req = http.request(opts.url, { method: opts.method ?? 'GET', headers: { ...(opts.header ?? {}) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => {
        let data: any = text;
        try {
          data = JSON.parse(text);
        } catch {
          // Not JSON: handed over as text, as wx.request does.
        }
        inFlight--;
        exchanges.push({ url: opts.url, call, status: res.statusCode ?? 0, reply: data });
        opts.success?.({ statusCode: res.statusCode, data, header: res.headers, errMsg: 'request:ok' });
        opts.complete?.({});
      });
    });
    req.on('error', (e: Error) => {
      inFlight--;
      exchanges.push({ url: opts.url, call, status: 0, reply: e.message });
      opts.fail?.({ errMsg: `request:fail ${e.message}` });
      opts.complete?.({});
    });
    if (payload !== undefined) req.write(payload);
    req.end();
    return { abort: () => req.destroy(), onHeadersReceived() {}, offHeadersReceived() {} };
  }

  const done = (opts: any, res: Record<string, unknown>) => {
    setTimeout(() => {
      opts?.success?.(res);
      opts?.complete?.(res);
    }, 0);
  };
  const navigate = (api: string) => (opts: any) => {
    navigations.push({ api, url: opts?.url ?? '' });
    done(opts, { errMsg: `${api}:ok` });
  };
  const overrides: Record<string, any> = {
    getStorageSync: (k: string) => (storage.has(k) ? storage.get(k) : ''),
    setStorageSync: (k: string, v: unknown) => void storage.set(k, JSON.parse(JSON.stringify(v))),
    removeStorageSync: (k: string) => void storage.delete(k),
    request: (opts: any) => {
      // As WeChat does: a relative URL (a build without TARO_APP_API_BASE) never leaves the phone.
      if (!/^https?:\/\//.test(opts.url ?? '')) {
        invalidUrls.push(opts.url ?? '');
        setTimeout(() => {
          opts.fail?.({ errMsg: 'request:fail invalid url' });
          opts.complete?.({});
        }, 0);
        return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} };
      }
      const m = /\/api\/fn\/([^/?]+)$/.exec(opts.url ?? '');
      const body = (typeof opts.data === 'string' ? JSON.parse(opts.data) : opts.data) ?? {};
      const call: FunctionCall | undefined = m ? { fn: m[1], action: body.action, data: body.data, requestId: body.requestId } : undefined;
      if (call) calls.push(call);
      if (live) return overHttp(opts, call);
      const reply = call ? respond(call) : undefined;
      setTimeout(() => {
        if (reply === undefined) opts.fail?.({ errMsg: 'request:fail offline in the smoke test' });
        else opts.success?.({ statusCode: reply.ok ? 200 : 400, data: reply, header: {}, errMsg: 'request:ok' });
        opts.complete?.({});
      }, 0);
      return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} };
    },
    showToast: (opts: any) => {
      toasts.push(opts?.title ?? '');
      done(opts, { errMsg: 'showToast:ok' });
    },
    navigateTo: navigate('navigateTo'),
    redirectTo: navigate('redirectTo'),
    reLaunch: navigate('reLaunch'),
    switchTab: navigate('switchTab'),
    pageScrollTo: (opts: any) => done(opts, { errMsg: 'pageScrollTo:ok' }),
    getLocation: (opts: any) => setTimeout(() => opts?.fail?.({ errMsg: 'getLocation:fail auth deny' }), 0),
    chooseLocation: (opts: any) => done(opts, { errMsg: 'chooseLocation:ok', longitude: 110.12, latitude: 32.81, name: '白河县人民医院', address: '白河县城关镇' }),
  };
  // Everything else comes from miniprogram-simulate's wx mock. webpack's chunk registry
  // (wx.webpackJsonp) is a plain property the compiled bundles create on first use.
  g.wx = new Proxy(overrides, { get: (t, k) => (k in t ? t[k as string] : typeof k === 'string' && k.startsWith('webpack') ? undefined : simulatedWx[k as string]) });

  let app: Record<string, any> | undefined;
  const stack: Record<string, any>[] = [];
  let opening: { route: string; query: Record<string, string> } | undefined;
  g.App = (options: Record<string, any>) => void (app = options);
  g.getApp = () => app;
  g.getCurrentPages = () => stack;
  // j-component renders components only. A WeChat page is a component whose lifecycle is the
  // page's own, so Taro's page config is registered as one: its functions (onLoad, eh…) become
  // methods, and attach/ready/detach drive onLoad+onShow, onReady and onUnload in WeChat's order.
  g.Page = (options: Record<string, any>) => {
    const methods = Object.fromEntries(Object.entries(options).filter(([, v]) => typeof v === 'function'));
    registerComponent({
      data: options.data,
      methods,
      lifetimes: {
        attached(this: any) {
          const { route, query } = opening ?? { route: '', query: {} };
          Object.assign(this, { route, __route__: route, options: query });
          stack.push(this);
          this.onLoad(query);
          this.onShow();
        },
        ready(this: any) {
          this.onReady();
        },
        detached(this: any) {
          this.onUnload();
          stack.splice(stack.indexOf(this), 1);
        },
      },
    });
  };

  const appJson = JSON.parse(require('node:fs').readFileSync(path.join(dist, 'app.json'), 'utf8')) as { pages: string[] };
  // Plain require, as miniprogram-simulate itself loads a page's js: under jest the bundles pass
  // through the project's transform, which leaves their (already ES2021) syntax as it is.
  require(path.join(dist, 'app.js'));
  if (!app) throw new Error('app.js did not call App()');
  const launch = { path: appJson.pages[0], query: {}, scene: 1001 };
  app.onLaunch?.call(app, launch);
  app.onShow?.call(app, launch);

  // Like WeChat, a page's js runs (and registers its Page) once; every visit is a new instance.
  const registered = new Map<string, string>();

  /** Open a page the way navigateTo would, and wait until Taro has rendered it. */
  async function open(route: string, query: Record<string, string> = {}): Promise<OpenPage> {
    if (!registered.has(route)) registered.set(route, simulate.load(path.join(dist, route), { rootPath: dist }));
    const comp = simulate.render(registered.get(route)!);
    opening = { route, query };
    comp.attach(document.createElement('parent-wrapper'));
    opening = undefined;

    const tree = () => comp.toJSON();
    const page: OpenPage = {
      text: () => comp.dom.textContent ?? '',
      tree,
      tap(label, within) {
        const scope = within ? innermost(tree(), (n) => textOf(n).includes(within) && textOf(n).includes(label)) : tree();
        const node = scope && innermost(scope, (n) => textOf(n).includes(label));
        if (!node) throw new Error(`nothing on ${route} shows "${label}"${within ? ` with "${within}"` : ''}`);
        target(node, `"${label}"`).dispatchEvent('tap');
      },
      type(placeholder, value) {
        const node = inputWith(placeholder);
        target(node, `the field "${placeholder}"`).dispatchEvent('input', { detail: { value, cursor: value.length, keyCode: 0 } });
      },
      valueOf: (placeholder) => attrOf(inputWith(placeholder), 'value'),
      async until(test, what) {
        const deadline = Date.now() + 5000;
        while (!test()) {
          if (Date.now() > deadline) throw new Error(`${route}: timed out waiting until ${what}; it shows: ${page.text()}`);
          await new Promise((r) => setTimeout(r, 10));
        }
      },
      close: () => comp.detach(),
    };

    // miniprogram-simulate's built-in input and textarea are bare slots with no properties, so what
    // the wxml binds to them (placeholder, value) is only on the rendered tree, not in the DOM.
    function inputWith(placeholder: string): RenderedNode {
      const node = innermost(tree(), (n) => String(attrOf(n, 'placeholder') ?? '').includes(placeholder));
      if (!node) throw new Error(`no field on ${route} has a placeholder with "${placeholder}"`);
      return node;
    }
    // Rendered elements carry Taro's node id; miniprogram-simulate finds the element by it. Nodes
    // nested deeper than Taro's template levels render inside its recursive `comp` component, whose
    // shadow tree neither toJSON nor querySelector enters: this only reaches what the page renders itself.
    function target(node: RenderedNode, what: string): SimulatedComponent {
      const id = attrOf(node, 'id');
      const found = id ? comp.querySelector(`#${id}`) : undefined;
      if (!found) throw new Error(`${what} on ${route} rendered no element to dispatch to`);
      return found;
    }

    await page.until(() => page.text().trim() !== '', 'Taro rendered the page');
    return page;
  }

  return {
    app: () => app!,
    appJson,
    open,
    storage,
    /** Cloud-function calls the pages made, in order. */
    calls,
    toasts,
    navigations,
    invalidUrls,
    exchanges,
    /** Requests sent to the server and not yet answered. */
    inFlight: () => inFlight,
    /** From now on every request goes to the address the build wrote into it, over HTTP, unchanged. */
    useServer() {
      live = true;
    },
    /** How the shimmed server answers calls from now on (default: nothing answers). */
    respondWith(fn: (call: FunctionCall) => Reply) {
      respond = fn;
    },
  };
}

export function attrOf(node: RenderedNode, name: string): unknown {
  return node.attrs.find((a) => a.name === name)?.value;
}

/** All text in a rendered subtree. */
export function textOf(node: RenderedNode | string): string {
  return typeof node === 'string' ? node : node.children.map(textOf).join('');
}

/** The deepest element satisfying `test` (depth-first, first match wins). */
function innermost(node: RenderedNode, test: (n: RenderedNode) => boolean): RenderedNode | undefined {
  for (const child of node.children) {
    if (typeof child === 'string') continue;
    const hit = innermost(child, test);
    if (hit) return hit;
  }
  return test(node) ? node : undefined;
}
