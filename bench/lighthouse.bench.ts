/**
 * Lighthouse (mobile: simulated slow 4G and a 4× slower CPU) on the built h5 app, served by the
 * project's own server as `npm start` serves it, each screen opened by the person who uses it.
 * Targets per screen: performance ≥ 0.9, accessibility ≥ 0.95, LCP ≤ 2.5 s.
 *   npm run bench -- lighthouse
 * Too slow for `npm test` (a minute or more per screen on a shared 2-core machine). Builds dist/h5 when
 * it is missing, never otherwise: after a client change, `npm run build:h5` first.
 * CHROME_PATH (default /usr/bin/chromium)  BENCH_PORT (default 0: any free port)  BENCH_LH_RUNS=3 (median of
 * each screen's runs)  BENCH_LH_ONLY=login,hall  BENCH_LH_REPORTS=dir (each run's full JSON report, and its trace as <screen>-<n>.trace.json for DevTools)  BENCH_H5_DIR=dir
 * (another build than dist/h5, e.g. a copy of main's, to compare with). `npm run bench -- h5profile` says what the
 * main thread does (bench/h5profile.bench.ts).
 * The load average is printed before and after: Lighthouse's CPU-bound figures (TBT, and LCP through it)
 * move with what else the machine is doing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chosenScreens, ensureBuilt, seededIds, signInFor, startApp, type Screen } from './h5app';

const RUNS = Math.max(1, Number(process.env.BENCH_LH_RUNS ?? 1));
const REPORTS = process.env.BENCH_LH_REPORTS;
const TARGET = { performance: 0.9, accessibility: 0.95, lcpMs: 2500 };

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
    for (const screen of chosenScreens()) {
      const page = await browser.newPage();
      await signInFor(page, app.url, screen);
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
        if (REPORTS) {
          fs.writeFileSync(path.join(REPORTS, `${screen.name}-${i + 1}.json`), result.report as string);
          const trace = (result.artifacts as { Trace?: unknown }).Trace;
          if (trace) fs.writeFileSync(path.join(REPORTS, `${screen.name}-${i + 1}.trace.json`), JSON.stringify(trace));
        }
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
