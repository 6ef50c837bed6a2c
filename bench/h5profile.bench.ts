/**
 * Where a screen's page load spends the main thread: a Chromium trace and a V8 CPU profile of each screen
 * opened (first visit, empty cache) by the person who uses it, on the built h5 app as `npm start` serves it.
 *   npm run bench -- h5profile
 * Lighthouse says how long the main thread was blocked; this says by what. Figures are the renderer main thread's
 * CPU milliseconds on this machine (the trace's thread time, not wall-clock), so they move much less with the load
 * than Lighthouse's; Lighthouse bills about 4× these (its mobile preset's CPU slowdown).
 * Per screen: main-thread busy time (CPU time, from the trace), the long tasks (≥ 50 ms at 4×, i.e. ≥ 12.5 ms
 * here), the work by kind as Lighthouse groups it (script, style & layout, GC…), and the share of the CPU
 * profile's samples by package and by function. With source maps in
 * dist/h5 (XY_H5_SOURCEMAP=1 npm run build:h5 writes hidden ones) functions are named by their source.
 * BENCH_LH_ONLY=login,post  BENCH_LH_RUNS=3 (figures are medians; functions are summed)  BENCH_PROFILE_TOP=25
 * BENCH_PROFILE_DIR=dir (each run's trace.json and .cpuprofile, for DevTools)  CHROME_PATH.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SourceMapConsumer, type RawSourceMap } from 'source-map-js';
import { chosenScreens, ensureBuilt, h5, seededIds, signInFor, startApp, type Ids, type Screen } from './h5app';

const RUNS = Math.max(1, Number(process.env.BENCH_LH_RUNS ?? 1));
const TOP = Number(process.env.BENCH_PROFILE_TOP ?? 25);
const DIR = process.env.BENCH_PROFILE_DIR;
/** Lighthouse's mobile preset slows the CPU 4×: a task is long to it from 12.5 ms here. */
const SLOWDOWN = 4;

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** The thread's CPU time in the event: on a loaded machine the wall-clock `dur` includes time the thread waited for a core. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown> };
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; parent?: number; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

interface RunFigures {
  busyMs: number;
  /** First and largest contentful paint after the navigation (wall-clock, unthrottled). */
  fcpMs: number;
  lcpMs: number;
  /** Lighthouse's TBT as the 4× CPU would make it (every task after navigation, not only after FCP). */
  tbt4xMs: number;
  longTasks: number[];
  byKind: Map<string, number>;
  /** % of the profile's busy samples. */
  jsSelf: Map<string, number>;
  jsByPackage: Map<string, number>;
}

/**
 * The trace's kinds of main-thread work, as Lighthouse groups them (lighthouse/core/lib/tracehouse/task-groups.js):
 * an event of another name is part of the work of the event it runs inside.
 */
const KIND: Record<string, string[]> = {
  'parse HTML & CSS': ['ParseHTML', 'ParseAuthorStyleSheet'],
  'style & layout': ['ScheduleStyleRecalculation', 'UpdateLayoutTree', 'InvalidateLayout', 'Layout'],
  rendering: ['Animation', 'HitTest', 'PaintSetup', 'Paint', 'PaintImage', 'RasterTask', 'ScrollLayer', 'UpdateLayer', 'UpdateLayerTree', 'CompositeLayers', 'PrePaint'],
  'script compile': ['v8.compile', 'v8.compileModule', 'v8.parseOnBackground'],
  'script evaluation': ['EventDispatch', 'EvaluateScript', 'v8.evaluateModule', 'FunctionCall', 'TimerFire', 'FireIdleCallback', 'FireAnimationFrame', 'RunMicrotasks', 'V8.Execute'],
  'garbage collection': ['MinorGC', 'MajorGC', 'BlinkGC.AtomicPhase', 'ThreadState::performIdleLazySweep', 'ThreadState::completeSweep', 'BlinkGCMarking'],
};
const kindByName = new Map(Object.entries(KIND).flatMap(([kind, names]) => names.map((n) => [n, kind] as const)));
/** The profiler's own start-up, billed to the page by the trace: left out. */
const PROFILER = /^CpuProfiler::/;

/** The renderer main thread that loaded `url`, and when its navigation started. */
function mainThread(events: TraceEvent[], url: string): { pid: number; tid: number; from: number } {
  const nav = events.filter((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL === url).pop();
  if (!nav) throw new Error(`the trace has no navigation to ${url}`);
  return { pid: nav.pid, tid: nav.tid, from: nav.ts };
}

/** Self time of each complete event on the main thread (its duration less its children's), summed by kind. */
function traceFigures(events: TraceEvent[], url: string): Pick<RunFigures, 'busyMs' | 'fcpMs' | 'lcpMs' | 'tbt4xMs' | 'longTasks' | 'byKind'> {
  const { pid, tid, from } = mainThread(events, url);
  const paint = (name: string) => events.filter((e) => e.pid === pid && e.name === name && e.ts >= from).map((e) => (e.ts - from) / 1000);
  const fcpMs = Math.min(...paint('firstContentfulPaint'));
  const lcpMs = Math.max(...paint('largestContentfulPaint::Candidate'));
  const all = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.ts >= from && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const cpu = (e: TraceEvent) => e.tdur ?? e.dur!;
  const profiling = all.filter((e) => PROFILER.test(e.name));
  const isProfilers = (t: TraceEvent) => profiling.some((p) => p.ts >= t.ts && p.ts < t.ts + t.dur!);
  const skipped = all.filter((e) => e.name === 'RunTask' && isProfilers(e));
  const mine = all.filter((e) => !skipped.some((t) => e.ts >= t.ts && e.ts < t.ts + t.dur!));
  const tasks = mine.filter((e) => e.name === 'RunTask');
  const byKind = new Map<string, number>();
  // A stack of open events: each event's time is billed to its kind (its parent's, for names of no kind), less what its children take.
  const stack: { end: number; kind: string }[] = [];
  const bill = (kind: string, us: number) => byKind.set(kind, (byKind.get(kind) ?? 0) + us / 1000);
  for (const e of mine) {
    while (stack.length && stack[stack.length - 1].end <= e.ts) stack.pop();
    if (!stack.length && e.name !== 'RunTask') continue; // markers outside any task are not the main thread's work
    const parent = stack[stack.length - 1]?.kind;
    const kind = kindByName.get(e.name) ?? parent ?? 'other';
    if (parent) bill(parent, -cpu(e));
    bill(kind, cpu(e));
    stack.push({ end: e.ts + e.dur!, kind });
  }
  const ms = tasks.map((t) => cpu(t) / 1000);
  return {
    busyMs: ms.reduce((s, d) => s + d, 0),
    fcpMs,
    lcpMs,
    tbt4xMs: ms.reduce((s, d) => s + Math.max(0, d * SLOWDOWN - 50), 0),
    longTasks: ms.filter((d) => d * SLOWDOWN >= 50).map((d) => Math.round(d)),
    byKind,
  };
}

/** The built file's source map, when the build wrote one (XY_H5_SOURCEMAP=1). */
const maps = new Map<string, SourceMapConsumer | null>();
function mapFor(url: string): SourceMapConsumer | null {
  const file = url.replace(/^https?:\/\/[^/]+\//, '').replace(/[?#].*$/, '');
  if (!maps.has(file)) {
    const p = path.join(h5, `${file}.map`);
    maps.set(file, fs.existsSync(p) ? new SourceMapConsumer(JSON.parse(fs.readFileSync(p, 'utf8')) as RawSourceMap) : null);
  }
  return maps.get(file)!;
}

/** `react-dom`, `@tarojs/runtime`, `client/src/pages/post`: whose code a source file is. */
function packageOf(source: string): string {
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (nm) return nm[1];
  const ours = /(client\/src\/[^/]+(?:\/[^/]+)?|shared\/[^/]+)/.exec(source);
  return ours ? ours[1].replace(/\.[tj]sx?$/, '') : source;
}

/** A profile node's function, by its source when mapped: `name (file:line)`, and the package it belongs to. */
function frameOf(cf: CpuProfile['nodes'][number]['callFrame']): { fn: string; pkg: string } {
  if (!cf.url) return { fn: cf.functionName || '(program)', pkg: cf.functionName.startsWith('(') ? cf.functionName : '(native)' };
  const map = /\/js\//.test(cf.url) && cf.lineNumber >= 0 ? mapFor(cf.url) : null;
  if (map) {
    const pos = map.originalPositionFor({ line: cf.lineNumber + 1, column: cf.columnNumber });
    if (pos.source) {
      const source = pos.source.replace(/^webpack:\/\/[^/]*\//, '').replace(/^(\.\.\/)+/, '').replace(/^\.\//, '');
      return { fn: `${pos.name ?? cf.functionName ?? '(anonymous)'} (${source.replace(/^.*node_modules\//, '')}:${pos.line})`, pkg: packageOf(source) };
    }
  }
  const file = cf.url.replace(/^https?:\/\/[^/]+\//, '');
  return { fn: `${cf.functionName || '(anonymous)'} (${file}:${cf.lineNumber + 1}:${cf.columnNumber + 1})`, pkg: file || '(page)' };
}

/**
 * Self time by function and by package, in % of the profile's busy samples: shares, since the sampled wall-clock
 * time includes waits for a core on a loaded machine. `(program)` is the browser's own work (style, layout, parsing).
 */
function profileFigures(profile: CpuProfile): Pick<RunFigures, 'jsSelf' | 'jsByPackage'> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0)));
  const jsSelf = new Map<string, number>();
  const jsByPackage = new Map<string, number>();
  const busy = (id: number) => !['(idle)', '(root)'].includes(byId.get(id)!.callFrame.functionName);
  const total = [...selfUs].filter(([id]) => busy(id)).reduce((s, [, us]) => s + us, 0);
  for (const [id, us] of selfUs) {
    if (!busy(id)) continue;
    const { fn, pkg } = frameOf(byId.get(id)!.callFrame);
    jsSelf.set(fn, (jsSelf.get(fn) ?? 0) + (100 * us) / total);
    jsByPackage.set(pkg, (jsByPackage.get(pkg) ?? 0) + (100 * us) / total);
  }
  return { jsSelf, jsByPackage };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sumInto = (into: Map<string, number>, from: Map<string, number>, runs: number) => {
  for (const [k, v] of from) into.set(k, (into.get(k) ?? 0) + v / runs);
};
const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);

async function profileScreen(browser: import('puppeteer-core').Browser, url: string, ids: Ids, screen: Screen): Promise<RunFigures[]> {
  const runs: RunFigures[] = [];
  const page = await browser.newPage();
  // Lighthouse's mobile viewport: the layout work depends on it.
  await page.setViewport({ width: 412, height: 823, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
  await signInFor(page, url, screen);
  const cdp = await page.createCDPSession();
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  for (let i = 0; i < RUNS; i++) {
    await cdp.send('Network.clearBrowserCache');
    await page.goto(`${url}/404-blank`, { waitUntil: 'load' });
    await page.tracing.start({
      categories: ['-*', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink', 'blink.user_timing', 'loading', 'toplevel', 'disabled-by-default-v8.gc'],
    });
    await cdp.send('Profiler.start');
    const target = `${url}/#${screen.route(ids)}`;
    await page.goto(target, { waitUntil: 'networkidle0' });
    // Renders that follow the last reply (a list drawn, a lazy chunk run).
    await new Promise((r) => setTimeout(r, 1000));
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    const trace = await page.tracing.stop();
    if (screen.as && page.url().includes('pages/login')) throw new Error(`${screen.name}: landed on the login screen (${page.url()})`);
    const events = (JSON.parse(Buffer.from(trace!).toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
    if (DIR) {
      fs.mkdirSync(DIR, { recursive: true });
      fs.writeFileSync(path.join(DIR, `${screen.name}-${i + 1}.trace.json`), Buffer.from(trace!));
      fs.writeFileSync(path.join(DIR, `${screen.name}-${i + 1}.cpuprofile`), JSON.stringify(profile));
    }
    runs.push({ ...traceFigures(events, target), ...profileFigures(profile) });
  }
  await page.close();
  return runs;
}

async function main(): Promise<void> {
  ensureBuilt();
  const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromePath)) throw new Error(`no Chrome at ${chromePath}: set CHROME_PATH`);
  const mapped = fs.readdirSync(path.join(h5, 'js')).some((f) => f.endsWith('.js.map'));
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (1/5/15 min); ${mapped ? 'source maps found' : 'no source maps (XY_H5_SOURCEMAP=1 npm run build:h5 to name functions by source)'}`);
  const puppeteer = await import('puppeteer-core');
  const app = await startApp();
  const browser = await puppeteer.launch({
    executablePath: chromePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--lang=zh-CN'],
  });
  const rows: { screen: Screen; busy: number; tbt: number; long: string; fcp: number; lcp: number }[] = [];
  try {
    const ids = await seededIds(app.url);
    for (const screen of chosenScreens()) {
      const runs = await profileScreen(browser, app.url, ids, screen);
      const byKind = new Map<string, number>();
      const jsSelf = new Map<string, number>();
      const jsByPackage = new Map<string, number>();
      for (const r of runs) {
        sumInto(byKind, r.byKind, runs.length);
        sumInto(jsSelf, r.jsSelf, runs.length);
        sumInto(jsByPackage, r.jsByPackage, runs.length);
      }
      const busy = median(runs.map((r) => r.busyMs));
      const fcp = median(runs.map((r) => r.fcpMs));
      const lcp = median(runs.map((r) => r.lcpMs));
      const tbt = median(runs.map((r) => r.tbt4xMs));
      const long = runs.map((r) => `[${r.longTasks.join(' ')}]`).join(' ');
      rows.push({ screen, busy, tbt, long, fcp, lcp });
      console.log(`\n## ${screen.name} (${screen.as ?? 'logged out'}): main thread busy ${Math.round(busy)} ms (CPU), TBT at 4× ≈ ${Math.round(tbt)} ms; ` +
        `FCP ${Math.round(fcp)} ms, LCP ${Math.round(lcp)} ms (wall-clock); long tasks (CPU ms, per run) ${long}`);
      console.log(`  by kind (mean CPU ms): ${top(byKind, 12).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')}`);
      console.log(`  self time by package (% of samples): ${top(jsByPackage, 16).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`);
      console.log(`  self time by function (% of samples):`);
      for (const [fn, pc] of top(jsSelf, TOP)) console.log(`    ${pc.toFixed(1).padStart(5)}  ${fn}`);
    }
  } finally {
    await browser.close();
    await app.stop();
  }
  console.log(`\nload average after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; ${RUNS > 1 ? `median of ${RUNS} runs` : 'one run'} per screen`);
  console.log('| screen | main thread CPU | TBT at 4× (estimate) | FCP | LCP |');
  console.log('|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.screen.name} | ${Math.round(r.busy)} ms | ${Math.round(r.tbt)} ms | ${Math.round(r.fcp)} ms | ${Math.round(r.lcp)} ms |`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
