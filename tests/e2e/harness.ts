import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/main';

export const root = path.join(__dirname, '..', '..');
export const shotsDir = path.join(root, 'artifacts', 'screenshots');
const h5Dir = path.join(root, 'dist', 'h5');

/** The real server (in-memory database, demo seed) hosting the h5 build that `npm test` made first. */
export async function startApp(): Promise<RunningServer> {
  if (!fs.existsSync(path.join(h5Dir, 'index.html'))) {
    throw new Error(`dist/h5/index.html is missing: build the browser client first (npm run build:h5; npm test does it before jest).`);
  }
  return startServer({ port: 0, dbPath: ':memory:', seed: true, mode: 'local', cronIntervalMs: 0, config: { h5Dir } });
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}

/**
 * One person on their own phone (a fresh browser context, 375×812), signed in by tapping
 * their name on the demo login screen; resolves once they have left the login screen. `phone` adds
 * to the context (a position the browser reports, and the permission to read it).
 */
export async function signIn(browser: Browser, url: string, label: string, phone: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, locale: 'zh-CN', ...phone });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.warn(`[${label}] pageerror: ${e.message}`));
  await page.goto(`${url}/#/pages/login/index`);
  await page.getByText(label, { exact: true }).click();
  await page.waitForURL((u) => !u.hash.includes('pages/login'));
  return page;
}

/** Opens a screen by its route, as a link or a tap on a tab would. */
export async function visit(page: Page, url: string, route: string): Promise<void> {
  await page.goto(`${url}/#${route}`);
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
