import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/main';

export const root = path.join(__dirname, '..', '..');
export const shotsDir = path.join(root, 'artifacts', 'screenshots');
const h5Dir = path.join(root, 'dist', 'h5');

/** The h5 build the server hosts; built here when missing (slow: minutes). */
export function ensureH5(): void {
  if (fs.existsSync(path.join(h5Dir, 'index.html'))) return;
  const run = spawnSync('npm', ['run', 'build:h5'], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) throw new Error('npm run build:h5 failed');
}

export async function startApp(): Promise<RunningServer> {
  ensureH5();
  return startServer({ port: 0, dbPath: ':memory:', seed: true, mode: 'local', cronIntervalMs: 0, config: { h5Dir } as never });
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}

/** A phone-sized page signed in as one seeded person, through the login screen. */
export async function signIn(browser: Browser, url: string, as: string, label: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.warn(`[${as}] pageerror`, e.message));
  await page.goto(`${url}/#/pages/login/index`);
  await page.getByText(label, { exact: true }).click();
  await page.waitForURL((u) => !u.hash.includes('pages/login'), { timeout: 20000 });
  return page;
}

export async function shot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(shotsDir, { recursive: true });
  const file = path.join(shotsDir, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(`screenshot: ${path.relative(root, file)}`);
  return file;
}

/** The same API the app uses, for the steps another engineer's screens own (staff review). */
export async function api<T>(url: string, token: string, fn: string, action: string, data: object = {}): Promise<T> {
  const res = await fetch(`${url}/api/fn/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ action, data }),
  });
  const body = (await res.json()) as { ok: boolean; data: T; error?: { code: string; message: string } };
  if (!body.ok) throw new Error(`${fn}.${action}: ${body.error?.code} ${body.error?.message}`);
  return body.data;
}

export async function tokenOf(url: string, as: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as }) });
  const body = (await res.json()) as { data: { token: string } };
  return body.data.token;
}
