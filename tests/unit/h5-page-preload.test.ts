import vm from 'node:vm';
import { pagePathOf, pagePreloadScript } from '../../client/config/preload';
import { EarlyRepliesGlobal, EarlyReplyFreshMs, TokenStorageKey, earlyCallKey, earlyCallsScript, takeEarlyReply, type EarlyReply } from '../../client/config/earlyCalls';

const byPage = {
  'pages/index/index': ['js/101.aa.js'],
  'pages/home/index': ['js/7239.bb.js', 'css/7239.bb.css'],
  'packages/helper/pages/hall/index': ['js/2104.cc.js', 'js/5964.dd.js', 'css/2104.cc.css'],
};

/** What index.html's inline script asks the browser for when the page is opened at `hash`. */
function preloadsAt(hash: string): { rel: string; as: string; href: string }[] {
  const added: { rel: string; as: string; href: string }[] = [];
  const document = {
    createElement: () => ({ rel: '', as: '', href: '' }),
    head: { appendChild: (l: { rel: string; as: string; href: string }) => added.push({ ...l }) },
  };
  vm.runInNewContext(pagePreloadScript(byPage, '/'), { location: { hash }, document });
  return added;
}

describe('index.html asks for the opened page’s files alongside the app’s entry', () => {
  test('a resident opening 我的心愿 preloads its script and its styles, each as what it is', () => {
    expect(preloadsAt('#/pages/home/index')).toEqual([
      { rel: 'preload', as: 'script', href: '/js/7239.bb.js' },
      { rel: 'preload', as: 'style', href: '/css/7239.bb.css' },
    ]);
  });

  test('a sub-package page with a query (a link from a notice) preloads that page’s files', () => {
    expect(preloadsAt('#/packages/helper/pages/hall/index?category=errand').map((l) => l.href)).toEqual(['/js/2104.cc.js', '/js/5964.dd.js', '/css/2104.cc.css']);
  });

  test('an address naming no page of the app preloads nothing more: the bare address, or a page that does not exist', () => {
    expect(preloadsAt('')).toEqual([]);
    expect(preloadsAt('#/')).toEqual([]);
    expect(preloadsAt('#/pages/nowhere/index')).toEqual([]);
  });

  test('a chunk group’s origin names its page as the router does, and other origins name none', () => {
    expect(pagePathOf('./pages/home/index')).toBe('pages/home/index');
    expect(pagePathOf('./packages/staff/pages/map/index.tsx')).toBe('packages/staff/pages/map/index');
    expect(pagePathOf('packages/helper/pages/hall/index')).toBe('packages/helper/pages/hall/index');
    expect(pagePathOf('./services/previewImage')).toBeUndefined();
    expect(pagePathOf(undefined)).toBeUndefined();
  });
});

describe('index.html starts the opened screen’s first reads before the app’s scripts arrive (services/earlyCalls.ts)', () => {
  const calls = {
    'pages/wish/index': [{ fn: 'wishes', action: 'detail', data: { wishId: { param: 'id' } } }],
    'packages/staff/pages/review/index': [
      { fn: 'dispatch', action: 'queue', data: {} },
      { fn: 'org', action: 'grids', data: {} },
    ],
    'pages/home/index': [{ fn: 'wishes', action: 'mine', data: { limit: 50 } }],
  };
  type Sent = { url: string; method: string; headers: Record<string, string>; body: string };

  /** Runs the inline script at `hash` with `stored` in localStorage; what it fetched and what it recorded for the app. */
  function openAt(hash: string, stored: Record<string, string>, fetch: ((url: string, init: Omit<Sent, 'url'>) => Promise<unknown>) | undefined) {
    const sent: Sent[] = [];
    const window: Record<string, unknown> = {};
    if (fetch) {
      window.fetch = (url: string, init: Omit<Sent, 'url'>) => {
        sent.push({ url, ...init });
        return fetch(url, init);
      };
    }
    const context = { location: { hash }, localStorage: { getItem: (k: string) => stored[k] ?? null }, window, Date, JSON, Object, decodeURIComponent };
    vm.runInNewContext(earlyCallsScript(calls, '/api/fn/'), context);
    return { sent, replies: window[EarlyRepliesGlobal] as Record<string, EarlyReply> | undefined };
  }
  const signedIn = { [TokenStorageKey]: JSON.stringify({ data: 'tok-1' }) };
  const answers = () => Promise.resolve({ status: 200, text: () => Promise.resolve('{"ok":true,"data":{"items":[]}}') });

  test('a resident opening her wish from a notice: wishes.detail for that wish, with her token, recorded as the app will ask for it', async () => {
    const { sent, replies } = openAt('#/pages/wish/index?id=w%2D42&from=notice', signedIn, answers);
    const body = JSON.stringify({ action: 'detail', data: { wishId: 'w-42' } });
    expect(sent).toEqual([{ url: '/api/fn/wishes', method: 'POST', headers: { 'content-type': 'application/json', Authorization: 'Bearer tok-1' }, body }]);
    const early = replies?.[earlyCallKey('wishes', body)];
    expect(early?.token).toBe('tok-1');
    await expect(early?.reply).resolves.toEqual({ statusCode: 200, data: '{"ok":true,"data":{"items":[]}}' });
  });

  test('a screen with two first reads starts both; constant data is sent as written', () => {
    expect(openAt('#/packages/staff/pages/review/index', signedIn, answers).sent.map((s) => s.body)).toEqual([
      '{"action":"queue","data":{}}',
      '{"action":"grids","data":{}}',
    ]);
    expect(openAt('#/pages/home/index', signedIn, answers).sent.map((s) => s.body)).toEqual(['{"action":"mine","data":{"limit":50}}']);
  });

  test('nothing is asked when no one is signed in, the screen has no early reads, its parameter is missing, or the browser has no fetch', () => {
    expect(openAt('#/pages/wish/index?id=w1', {}, answers).sent).toEqual([]);
    expect(openAt('#/pages/login/index', signedIn, answers).sent).toEqual([]);
    expect(openAt('#/pages/wish/index', signedIn, answers).sent).toEqual([]);
    expect(openAt('#/pages/wish/index?id=w1', { [TokenStorageKey]: 'not json' }, answers).sent).toEqual([]);
    expect(openAt('#/pages/wish/index?id=w1', signedIn, undefined).replies).toBeUndefined();
  });

  test('an early read that gets no answer (offline) is recorded as null, for the app to send again, and raises no unhandled rejection', async () => {
    const { replies } = openAt('#/pages/wish/index?id=w1', signedIn, () => Promise.reject(new TypeError('Failed to fetch')));
    await expect(Object.values(replies ?? {})[0].reply).resolves.toBeNull();
  });
});

describe('the app takes an early reply once, and only when it is the call it is making now', () => {
  const body = '{"action":"detail","data":{"wishId":"w1"}}';
  const reply = Promise.resolve({ statusCode: 200, data: '{}' });
  const record = (token: string, at: number) => {
    (globalThis as Record<string, unknown>)[EarlyRepliesGlobal] = { [earlyCallKey('wishes', body)]: { token, at, reply } };
  };
  afterEach(() => {
    delete (globalThis as Record<string, unknown>)[EarlyRepliesGlobal];
  });

  test('the same call with the same token takes it, and a second asking does not', () => {
    record('tok', 1000);
    expect(takeEarlyReply('wishes', body, 'tok', 1500)).toBe(reply);
    expect(takeEarlyReply('wishes', body, 'tok', 1600)).toBeUndefined();
  });

  test('another call, another token (signed in as someone else since), or a reply older than the screen’s opening is not taken', () => {
    record('tok', 1000);
    expect(takeEarlyReply('wishes', '{"action":"detail","data":{"wishId":"w2"}}', 'tok', 1500)).toBeUndefined();
    expect(takeEarlyReply('wishes', body, 'other', 1500)).toBeUndefined();
    record('tok', 1000);
    expect(takeEarlyReply('wishes', body, 'tok', 1000 + EarlyReplyFreshMs + 1)).toBeUndefined();
    expect(takeEarlyReply('wishes', body, 'tok')).toBeUndefined();
  });
});
