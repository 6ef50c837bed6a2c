/**
 * The h5 app as the browser benchmarks open it (Lighthouse, and the CPU profile of a page load): `npm start`'s
 * server on the built dist/h5, the screens and the person who opens each, and that person's stored session.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Page } from 'puppeteer-core';

const root = path.join(__dirname, '..');
/** dist/h5, or another build to compare with (BENCH_H5_DIR=/tmp/h5-main: a copy of main's). */
export const h5 = process.env.BENCH_H5_DIR ? path.resolve(process.env.BENCH_H5_DIR) : path.join(root, 'dist', 'h5');

export interface Screen {
  name: string;
  label: string;
  /** The demo person (dev-login `as`) who opens it, in the role the screen is for (the session's activeRole); none: logged out. */
  as?: string;
  role?: string;
  /** The hash route, given the ids the seed made. */
  route: (ids: Ids) => string;
}
export interface Ids {
  residentWish: string;
  volunteerTask: string;
}

export const SCREENS: Screen[] = [
  { name: 'login', label: '登录', route: () => '/pages/login/index' },
  { name: 'home', label: '居民首页', as: 'resident', role: 'resident', route: () => '/pages/home/index' },
  { name: 'post', label: '发布心愿', as: 'resident', role: 'resident', route: () => '/pages/post/index' },
  { name: 'wish', label: '心愿详情', as: 'resident', role: 'resident', route: (ids) => `/pages/wish/index?id=${ids.residentWish}` },
  { name: 'hall', label: '任务大厅', as: 'volunteer', role: 'volunteer', route: () => '/packages/helper/pages/hall/index' },
  { name: 'task', label: '任务详情', as: 'volunteer', role: 'volunteer', route: (ids) => `/packages/helper/pages/task/index?id=${ids.volunteerTask}` },
  { name: 'review', label: '审核队列', as: 'secretary', role: 'secretary', route: () => '/packages/staff/pages/review/index' },
  { name: 'dashboard', label: '统计看板', as: 'secretary', role: 'secretary', route: () => '/packages/staff/pages/dashboard/index' },
  { name: 'proxy', label: '代录心愿', as: 'grid_worker', role: 'grid_worker', route: () => '/packages/staff/pages/proxy/index' },
];

export function ensureBuilt(): void {
  if (fs.existsSync(path.join(h5, 'index.html'))) return;
  if (process.env.BENCH_H5_DIR) throw new Error(`no h5 build in BENCH_H5_DIR=${h5}`);
  console.log('dist/h5 missing: npm run build:h5');
  const run = spawnSync('npm', ['run', 'build:h5'], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) throw new Error('npm run build:h5 failed');
}

/** `npm start`'s server in a process of its own (embedded database, demo seed), so its work is not billed to Lighthouse's. */
export async function startApp(): Promise<{ url: string; stop(): Promise<void> }> {
  const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'main.ts')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env, XINYUAN_MODE: 'local', XINYUAN_DB_PATH: ':memory:', PORT: process.env.BENCH_PORT ?? '0', HOST: '127.0.0.1',
      H5_DIR: h5, CRON_INTERVAL_MS: '0', LOG_REQUESTS: '0', RATE_LIMIT_PER_MINUTE: '100000',
    },
  });
  process.once('exit', () => server.kill('SIGKILL'));
  const url = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: server.stdout! }).on('line', (line) => {
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (m) resolve(m[1]);
    });
    server.once('exit', (code) => reject(new Error(`server exited (${code}) before listening`)));
  });
  return {
    url,
    stop: () => new Promise<void>((resolve) => {
      if (server.exitCode !== null) return resolve();
      server.once('exit', () => resolve());
      server.kill('SIGTERM');
    }),
  };
}

export async function loginAs(url: string, as: string): Promise<{ token: string; refreshToken?: string; user: { memberships: unknown[] } }> {
  const reply = await fetch(`${url}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as }) });
  const body = (await reply.json()) as { ok: boolean; data: { token: string; refreshToken?: string; user: { memberships: unknown[] } } };
  if (!body.ok) throw new Error(`dev-login as ${as} failed: ${JSON.stringify(body)}`);
  return body.data;
}

export async function callAs<T>(url: string, token: string, fn: string, action: string, data: object): Promise<T> {
  const reply = await fetch(`${url}/api/fn/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ action, data }),
  });
  const body = (await reply.json()) as { ok: boolean; data: T };
  if (!body.ok) throw new Error(`${fn}.${action} failed: ${JSON.stringify(body)}`);
  return body.data;
}

/** The wish and the task the detail screens show: the resident's newest wish, the volunteer's first task. */
export async function seededIds(url: string): Promise<Ids> {
  const resident = await loginAs(url, 'resident');
  const volunteer = await loginAs(url, 'volunteer');
  const mine = await callAs<{ items: { id: string }[] }>(url, resident.token, 'wishes', 'mine', { limit: 1 });
  const tasks = await callAs<{ items: { id: string }[] }>(url, volunteer.token, 'tasks', 'mine', {});
  if (!mine.items[0] || !tasks.items[0]) throw new Error('the demo seed has no wish for the resident or no task for the volunteer');
  return { residentWish: mine.items[0].id, volunteerTask: tasks.items[0].id };
}

/** Leaves the screen's person signed in in this browser, as the login page would (Taro's h5 storage: JSON {data} in localStorage); logged out for none. */
export async function signInFor(page: Page, url: string, screen: Screen): Promise<void> {
  const session = screen.as ? await loginAs(url, screen.as) : undefined;
  await page.goto(`${url}/404-blank`, { waitUntil: 'domcontentloaded' });
  await page.evaluate((s) => {
    localStorage.clear();
    if (!s) return;
    localStorage.setItem('xy.token', JSON.stringify({ data: s.token }));
    if (s.refreshToken) localStorage.setItem('xy.refresh', JSON.stringify({ data: s.refreshToken }));
    localStorage.setItem('xy.session', JSON.stringify({ data: { user: s.user, activeRole: s.role } }));
  }, session ? { token: session.token, refreshToken: session.refreshToken, user: session.user, role: screen.role } : null);
}

/** The screens BENCH_LH_ONLY names (login,post), else all. */
export function chosenScreens(): Screen[] {
  const only = process.env.BENCH_LH_ONLY?.split(',');
  return SCREENS.filter((s) => !only || only.includes(s.name));
}
