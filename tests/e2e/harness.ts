import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/main';

export const root = path.join(__dirname, '..', '..');
export const shotsDir = path.join(root, 'artifacts', 'screenshots');
const h5Dir = path.join(root, 'dist', 'h5');

/**
 * The real server (in-memory database, demo seed) hosting the h5 build that `npm test` made first;
 * `env` adds variables to the server's environment (a tile service, say).
 */
export async function startApp(env: Record<string, string> = {}): Promise<RunningServer> {
  if (!fs.existsSync(path.join(h5Dir, 'index.html'))) {
    throw new Error(`dist/h5/index.html is missing: build the browser client first (npm run build:h5; npm test does it before jest).`);
  }
  return startServer({ port: 0, dbPath: ':memory:', seed: true, mode: 'local', cronIntervalMs: 0, config: { h5Dir }, env: { ...process.env, ...env } });
}

/** `microphone`: a fake one that says yes without asking (Chromium's test device: a beep), for the voice-note walk. */
export async function launch({ microphone = false } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage',
      ...(microphone ? ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--autoplay-policy=no-user-gesture-required'] : []),
    ],
  });
}

/** A browser suite's app: its server and browser, there from the suite's first hook to its last test. */
export interface App {
  readonly server: RunningServer;
  readonly browser: Browser;
}

/**
 * Starts the app and a browser before the suite's tests and stops both after them, the server by its own
 * handle (never by a name pattern: other work on the machine runs servers too). Call it at the top of a
 * suite, before hooks that use the app; read `app.server` and `app.browser` in hooks and tests, since
 * they exist only once the suite has begun. `env` is read when the server starts; `browser` is how
 * chromium is launched (a fake microphone for the voice walk).
 */
export function useApp(env?: () => Record<string, string>, browser: { microphone?: boolean } = {}): App {
  const app = {} as { server: RunningServer; browser: Browser };
  beforeAll(async () => {
    app.server = await startApp(env?.());
    app.browser = await launch(browser);
  });
  afterAll(async () => {
    await app.browser?.close();
    await app.server?.stop();
  });
  return app;
}

/** The phones the walks use: a small one (375×812) and the 390×844 of issue 16's walk-through. */
export const SMALL_PHONE = { width: 375, height: 812 } as const;
export const PHONE = { width: 390, height: 844 } as const;

/** A fresh, signed-out phone: its own browser context, so its storage and sign-in are its own. */
export async function newPhone(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: SMALL_PHONE, deviceScaleFactor: 2, locale: 'zh-CN', ...options });
  return context.newPage();
}

/** Starts recording what the page throws and, with `console`, what it logs as errors (React's among them). */
export function recordErrors(page: Page, { console: logged = false } = {}): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  if (logged) page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return errors;
}

/**
 * Calls a cloud function as a seeded demo person (signed in through the demo login), for setting a scene
 * the walk is not about. A refusal throws with its code, so a scene that did not happen fails loudly.
 */
export function apiAs(server: { url: string }) {
  return async (who: string, fn: string, action: string, data: object = {}, requestId?: string): Promise<any> => {
    const login = await fetch(`${server.url}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as: who }) });
    const { data: auth } = (await login.json()) as { data: { token: string } };
    const reply = await fetch(`${server.url}/api/fn/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${auth.token}` },
      body: JSON.stringify({ action, data, ...(requestId ? { requestId } : {}) }),
    });
    const body = (await reply.json()) as { ok: boolean; data: any; error?: unknown };
    if (!body.ok) throw new Error(`${who} ${fn}.${action}: ${JSON.stringify(body.error)}`);
    return body.data;
  };
}

/** A seeded person who is not one of the named demo accounts (e.g. a second volunteer), by name. */
export async function nameOf(server: { url: string }, as: string): Promise<string> {
  const reply = await fetch(`${server.url}/api/auth/dev-users`);
  const { data } = (await reply.json()) as { data: { items: { as: string; name: string }[] } };
  const person = data.items.find((p) => p.as === as);
  if (!person) throw new Error(`no seeded person "${as}"`);
  return person.name;
}

/**
 * One person on their own phone (a fresh browser context, 375×812), signed in by tapping
 * their name on the demo login screen; resolves once they have left the login screen. `phone` adds
 * to the context (a position the browser reports, and the permission to read it). `label` is the
 * button's whole text ("志愿者 · 张晓东") or a pattern of it.
 */
export async function signIn(browser: Browser, url: string, label: string | RegExp, phone: BrowserContextOptions = {}): Promise<Page> {
  const page = await newPhone(browser, phone);
  page.on('pageerror', (e) => console.warn(`[${label}] pageerror: ${e.message}`));
  await page.goto(`${url}/#/pages/login/index`);
  await (typeof label === 'string' ? page.getByText(label, { exact: true }) : page.getByText(label).first()).click();
  await page.waitForURL((u) => !u.hash.includes('pages/login'));
  return page;
}

/**
 * Taps `tap` until `arrived` shows, at most three times: on a busy machine a tap that lands while the page is still
 * sliding in after sign-in can be lost (the grid-map walk once waited 30 s for a screen its tap never opened).
 */
export async function tapUntil(tap: Locator, arrived: Locator): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await tap.click();
    try {
      await arrived.waitFor({ timeout: 10_000 });
      return;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}

/** The Taro page shown now: its route and query, as Taro names the page's element (`/pages/x/index?stamp=…`). */
const shownPage = (page: Page) =>
  page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.taro_page')].filter((d) => getComputedStyle(d).display !== 'none').map((d) => d.id));

/**
 * Opens a screen by its route, as a link or a tap on a tab would, and waits until Taro shows that screen. Right after
 * sign-in the landing screen may still be loading: the screen asked for last is the one that must stay
 * (client/config/routerLatestWins.ts), so a screen that does not come is a failure, said with what is shown instead.
 */
export async function visit(page: Page, url: string, route: string): Promise<void> {
  const path = route.split('?')[0];
  await page.goto(`${url}/#${route}`);
  const arrived = await page
    .waitForFunction((p) => [...document.querySelectorAll<HTMLElement>('.taro_page')].some((d) => d.id.split('?')[0] === p && getComputedStyle(d).display !== 'none'), path, { timeout: 20_000 })
    .then(() => true, () => false);
  if (!arrived) throw new Error(`${route} did not open; the screen shown is ${JSON.stringify(await shownPage(page))} at ${page.url()}`);
}

export async function shot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(shotsDir, { recursive: true });
  const file = path.join(shotsDir, `${name}.png`);
  // Taro's h5 router slides pages in: wait until the screen has come to rest (spinners aside).
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
  );
  await page.screenshot({ path: file });
  console.log(`screenshot: ${path.relative(root, file)}`);
  return file;
}

/** The number a dashboard tile shows, read from its accessible name (e.g. "本期收集 1,500"). */
export async function tileNumber(page: Page, label: string): Promise<number> {
  const tile = page.getByLabel(new RegExp(`^${label} [\\d,.]+$`));
  await tile.waitFor();
  const name = (await tile.getAttribute('aria-label')) ?? '';
  return Number(name.slice(label.length + 1).replace(/,/g, ''));
}
