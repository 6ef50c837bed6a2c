import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../server/main';
import { apiAs, launch, signIn, startApp, visit } from './harness';

/**
 * What a screen's first load costs a phone, on the real h5 build in chromium: the scripts it fetches and the work
 * the browser does for it. Figures per screen are in the README (npm run bench -- lighthouse / h5profile); these are
 * the causes, each of which once cost every load.
 */
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startApp();
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const scripts = (page: Page) => page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name).filter((n) => /\/js\//.test(n)));

/** The browser's count of layouts so far (Chromium's own metric, through the DevTools protocol). */
async function layoutCounter(page: Page): Promise<() => Promise<number>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'LayoutCount')!.value;
  };
}

test('我的心愿 defines no custom element for what it shows: its buttons are plain elements, no map (with its gesture library) and no picker come with it', async () => {
  const resident = await signIn(browser, server.url, '居民 · 胡秀兰');
  await visit(resident, server.url, '/pages/home/index');
  await resident.getByText('＋ 发布心愿').waitFor();
  const defined = await resident.evaluate(() => ({
    shown: document.querySelectorAll('taro-button-core').length,
    defined: ['taro-button-core', 'taro-input-core', 'taro-textarea-core', 'taro-switch-core', 'taro-map-core', 'taro-picker-core'].filter((t) => customElements.get(t) !== undefined),
  }));
  expect(defined).toEqual({ shown: expect.any(Number), defined: [] });
  expect(defined.shown).toBeGreaterThan(0);
  // index.html asked for the page's own script alongside the app's entry, not after the entry had run.
  const preloaded = await resident.evaluate(() => [...document.querySelectorAll('link[rel="preload"][as="script"]')].map((l) => (l as HTMLLinkElement).href));
  const fetched = await scripts(resident);
  expect(preloaded.length).toBeGreaterThan(1);
  for (const href of preloaded) expect(fetched).toContain(href);
  await resident.context().close();
});

test('Taro’s base styles come in the app’s stylesheet ahead of ours, not injected by the app’s script as it starts', async () => {
  const resident = await signIn(browser, server.url, '居民 · 胡秀兰');
  await visit(resident, server.url, '/pages/home/index');
  await resident.getByText('＋ 发布心愿').waitFor();
  const styles = await resident.evaluate(() => ({
    injected: [...document.querySelectorAll('style')].filter((s) => /\.taro-app-wrap|html,\s*body\s*\{/.test(s.textContent ?? '')).length,
    linked: [...document.styleSheets].some((sheet) => sheet.href !== null && [...sheet.cssRules].some((r) => (r as CSSStyleRule).selectorText === '.taro-app-wrap')),
    // Taro's global.css names a body font too: ours, after it, is the one shown.
    font: getComputedStyle(document.body).fontFamily,
  }));
  expect(styles).toEqual({ injected: 0, linked: true, font: expect.stringContaining('PingFang SC') });
  await resident.context().close();
});

test('the post form fetches its checks (zod) when the resident starts on it, and typing forces no layout per keystroke', async () => {
  const resident = await signIn(browser, server.url, '居民 · 胡秀兰');
  await visit(resident, server.url, '/pages/post/index');
  const description = resident.locator('textarea[placeholder="什么时间、需要做什么、有什么要注意的"]');
  await description.waitFor();
  expect((await scripts(resident)).filter((s) => /\/zod\./.test(s))).toEqual([]);

  const layouts = await layoutCounter(resident);
  await description.click();
  const before = await layouts();
  await description.pressSequentially('想请人帮忙修水龙头', { delay: 20 });
  // A layout or two for what the typing shows; the Stencil textarea's line count took some thirty a keystroke.
  expect((await layouts()) - before).toBeLessThan(20);

  await resident.waitForFunction(() => performance.getEntriesByType('resource').some((r) => /\/js\/zod\./.test(r.name)));
  await resident.getByText('提交心愿', { exact: true }).click();
  await resident.getByText('请选择心愿类别').waitFor();
  await resident.context().close();
});

test('a resident opening her wish by its address: index.html asks for it before the app has run, and the screen asks no more', async () => {
  const resident = await signIn(browser, server.url, '居民 · 胡秀兰');
  const mine = (await apiAs(server)('resident', 'wishes', 'mine', {})) as { items: { id: string; title: string }[] };
  const wish = mine.items[0];
  // A full load of the address, in a new tab of her browser (signed in), as a notice or a shared link opens it.
  const tab = await resident.context().newPage();
  // Each call with the document's state when it was made: 'loading' is while index.html is parsed, before any of the
  // app's (deferred) scripts has run.
  await tab.addInitScript(() => {
    const w = window as unknown as { fetch: typeof fetch; calls: string[][] };
    const real = w.fetch;
    w.calls = [];
    w.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      w.calls.push([String(input), document.readyState, String(init?.body ?? '')]);
      return real(input, init);
    };
  });
  const asked: string[] = [];
  tab.on('request', (r) => {
    if (r.url().endsWith('/api/fn/wishes')) asked.push(r.postData() ?? '');
  });
  await tab.goto(`${server.url}/#/pages/wish/index?id=${wish.id}`);
  await tab.getByText(wish.title).first().waitFor();
  const detail = JSON.stringify({ action: 'detail', data: { wishId: wish.id } });
  expect(asked).toEqual([detail]);
  const calls = await tab.evaluate(() => (window as unknown as { calls: string[][] }).calls);
  expect(calls.filter(([url]) => url.endsWith('/api/fn/wishes'))).toEqual([['/api/fn/wishes', 'loading', detail]]);
  await resident.context().close();
});
