/**
 * Lighthouse (mobile: simulated slow 4G and a 4× slower CPU) on the built h5 app, served by the
 * project's own server as `npm start` serves it, each screen opened by the person who uses it.
 * Targets per screen: performance ≥ 0.9, accessibility ≥ 0.95, LCP ≤ 2.5 s.
 *   npm run bench -- lighthouse
 * Too slow for `npm test` (a minute or more per screen on a shared 2-core machine). Builds dist/h5 when
 * it is missing, never otherwise: after a client change, `npm run build:h5` first.
 * CHROME_PATH (default /usr/bin/chromium)  BENCH_PORT (default 0: any free port)  BENCH_LH_RUNS=3 (median of
 * each screen's runs)  BENCH_LH_ONLY=login,hall  BENCH_LH_REPORTS=dir (each run's full JSON report).
 * The load average is printed before and after: Lighthouse's CPU-bound figures (TBT, and LCP through it)
 * move with what else the machine is doing.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const root = path.join(__dirname, '..');
const h5 = path.join(root, 'dist', 'h5');
const RUNS = Math.max(1, Number(process.env.BENCH_LH_RUNS ?? 1));
const ONLY = process.env.BENCH_LH_ONLY?.split(',');
const REPORTS = process.env.BENCH_LH_REPORTS;
const TARGET = { performance: 0.9, accessibility: 0.95, lcpMs: 2500 };

interface Screen {
  name: string;
  label: string;
  /** The demo person (dev-login `as`) who opens it, in the role the screen is for (the session's activeRole); none: logged out. */
  as?: string;
  role?: string;
  /** The hash route, given the ids the seed made. */
  route: (ids: Ids) => string;
}
interface Ids {
  residentWish: string;
  volunteerTask: string;
}

const SCREENS: Screen[] = [
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

function ensureBuilt(): void {
  if (fs.existsSync(path.join(h5, 'index.html'))) return;
  console.log('dist/h5 missing: npm run build:h5');
  const run = spawnSync('npm', ['run', 'build:h5'], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) throw new Error('npm run build:h5 failed');
}

/** `npm start`'s server in a process of its own (embedded database, demo seed), so its work is not billed to Lighthouse's. */
async function startApp(): Promise<{ url: string; stop(): Promise<void> }> {
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

async function loginAs(url: string, as: string): Promise<{ token: string; refreshToken?: string; user: { memberships: unknown[] } }> {
  const reply = await fetch(`${url}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as }) });
  const body = (await reply.json()) as { ok: boolean; data: { token: string; refreshToken?: string; user: { memberships: unknown[] } } };
  if (!body.ok) throw new Error(`dev-login as ${as} failed: ${JSON.stringify(body)}`);
  return body.data;
}

async function callAs<T>(url: string, token: string, fn: string, action: string, data: object): Promise<T> {
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
async function seededIds(url: string): Promise<Ids> {
  const resident = await loginAs(url, 'resident');
  const volunteer = await loginAs(url, 'volunteer');
  const mine = await callAs<{ items: { id: string }[] }>(url, resident.token, 'wishes', 'mine', { limit: 1 });
  const tasks = await callAs<{ items: { id: string }[] }>(url, volunteer.token, 'tasks', 'mine', {});
  if (!mine.items[0] || !tasks.items[0]) throw new Error('the demo seed has no wish for the resident or no task for the volunteer');
  return { residentWish: mine.items[0].id, volunteerTask: tasks.items[0].id };
}

interface Figures {
  performance: number;
  accessibility: number;
  lcpMs: number;
  tbtMs: number;
  fcpMs: number;
  /** What Lighthouse names: failing accessibility audits and the opportunities that would save the most. */
  notes: string[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  ensureBuilt();
  const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromePath)) throw new Error(`no Chrome at ${chromePath}: set CHROME_PATH`);
  const cpus = os.cpus();
  console.log(`machine: ${cpus.length} × ${cpus[0]?.model ?? 'cpu'}; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (1/5/15 min)`);

  // Lighthouse and its browser-side helpers are ES modules.
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const puppeteer = await import('puppeteer-core');
  const lhVersion = (JSON.parse(fs.readFileSync(require.resolve('lighthouse/package.json'), 'utf8')) as { version: string }).version;

  const app = await startApp();
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--lang=zh-CN'],
  });
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
  console.log(`lighthouse ${lhVersion}, ${await browser.version()}, mobile preset (simulated slow 4G, 4× CPU slowdown), app at ${app.url}`);
  if (REPORTS) fs.mkdirSync(REPORTS, { recursive: true });

  const rows: { screen: Screen; f: Figures }[] = [];
  try {
    const ids = await seededIds(app.url);
    for (const screen of SCREENS.filter((s) => !ONLY || ONLY.includes(s.name))) {
      // The person's session, as the login page leaves it (Taro's h5 storage: JSON {data} in localStorage).
      const session = screen.as ? await loginAs(app.url, screen.as) : undefined;
      const page = await browser.newPage();
      await page.goto(`${app.url}/404-blank`, { waitUntil: 'domcontentloaded' });
      await page.evaluate((s) => {
        localStorage.clear();
        if (!s) return;
        localStorage.setItem('xy.token', JSON.stringify({ data: s.token }));
        if (s.refreshToken) localStorage.setItem('xy.refresh', JSON.stringify({ data: s.refreshToken }));
        localStorage.setItem('xy.session', JSON.stringify({ data: { user: s.user, activeRole: s.role } }));
      }, session ? { token: session.token, refreshToken: session.refreshToken, user: session.user, role: screen.role } : null);
      const runs: Figures[] = [];
      const cdp = await page.createCDPSession();
      for (let i = 0; i < RUNS; i++) {
        // disableStorageReset keeps the HTTP cache too: empty it, so every run is a first visit.
        await cdp.send('Network.clearBrowserCache');
        const result = await lighthouse(`${app.url}/#${screen.route(ids)}`, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility'],
          // Keep the session set above (localStorage); the HTTP cache is emptied before each run instead.
          disableStorageReset: true,
        });
        if (!result) throw new Error(`lighthouse returned nothing for ${screen.name}`);
        const lhr = result.lhr;
        if (lhr.runtimeError) throw new Error(`${screen.name}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        // A session the app did not accept would measure the login screen under another name.
        if (screen.as && lhr.finalDisplayedUrl.includes('pages/login')) throw new Error(`${screen.name}: landed on the login screen (${lhr.finalDisplayedUrl})`);
        if (REPORTS) fs.writeFileSync(path.join(REPORTS, `${screen.name}-${i + 1}.json`), result.report as string);
        const a = lhr.audits;
        const notes = [
          ...Object.values(a).filter((x) => x.score !== null && x.score < 1 && lhr.categories.accessibility.auditRefs.some((r) => r.id === x.id && r.weight > 0))
            .map((x) => `a11y: ${x.id}${x.details && 'items' in x.details ? ` (${(x.details.items as unknown[]).length})` : ''}`),
          ...Object.values(a).filter((x) => x.details?.type === 'opportunity' && (x.numericValue ?? 0) >= 100)
            .map((x) => `perf: ${x.id} ${x.displayValue ?? ''}`.trim()),
          ...(['render-blocking-resources', 'bootup-time', 'mainthread-work-breakdown', 'largest-contentful-paint-element', 'total-byte-weight']
            .map((id) => a[id]).filter((x) => x && x.score !== null && x.score < 0.9).map((x) => `perf: ${x.id} ${x.displayValue ?? ''}`.trim())),
        ];
        runs.push({
          performance: lhr.categories.performance.score ?? 0,
          accessibility: lhr.categories.accessibility.score ?? 0,
          lcpMs: a['largest-contentful-paint'].numericValue ?? NaN,
          tbtMs: a['total-blocking-time'].numericValue ?? NaN,
          fcpMs: a['first-contentful-paint'].numericValue ?? NaN,
          notes: [...new Set(notes)],
        });
      }
      await page.close();
      const f: Figures = {
        performance: median(runs.map((r) => r.performance)),
        accessibility: median(runs.map((r) => r.accessibility)),
        lcpMs: median(runs.map((r) => r.lcpMs)),
        tbtMs: median(runs.map((r) => r.tbtMs)),
        fcpMs: median(runs.map((r) => r.fcpMs)),
        notes: runs[runs.length - 1].notes,
      };
      rows.push({ screen, f });
      const ok = f.performance >= TARGET.performance && f.accessibility >= TARGET.accessibility && f.lcpMs <= TARGET.lcpMs;
      console.log(`${screen.name.padEnd(10)} ${(screen.as ?? '(logged out)').padEnd(12)} performance ${f.performance.toFixed(2)}  accessibility ${f.accessibility.toFixed(2)}  ` +
        `LCP ${(f.lcpMs / 1000).toFixed(1)} s  TBT ${Math.round(f.tbtMs)} ms  FCP ${(f.fcpMs / 1000).toFixed(1)} s  ${ok ? 'OK' : 'MISSES TARGET'}`);
      for (const n of f.notes) console.log(`    ${n}`);
    }
  } finally {
    await browser.disconnect();
    await chrome.kill();
    await app.stop();
  }

  console.log(`\nload average after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; ${RUNS > 1 ? `median of ${RUNS} runs` : 'one run'} per screen`);
  console.log('| screen | as | performance | accessibility | LCP | TBT |');
  console.log('|---|---|---|---|---|---|');
  for (const { screen, f } of rows) {
    console.log(`| ${screen.label} | ${screen.as ?? '—'} | ${f.performance.toFixed(2)} | ${f.accessibility.toFixed(2)} | ${(f.lcpMs / 1000).toFixed(1)} s | ${Math.round(f.tbtMs)} ms |`);
  }
  const missed = rows.filter(({ f }) => f.performance < TARGET.performance || f.accessibility < TARGET.accessibility || f.lcpMs > TARGET.lcpMs);
  if (missed.length) {
    console.log(`targets (performance ≥ ${TARGET.performance}, accessibility ≥ ${TARGET.accessibility}, LCP ≤ ${TARGET.lcpMs / 1000} s) missed on: ${missed.map((r) => r.screen.name).join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
