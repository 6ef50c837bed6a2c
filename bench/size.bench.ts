/**
 * Bundle sizes against the budgets: the whole weapp build
 * (target < 1 MB), its main package (budget 600 KB, issue 16; WeChat's hard limit is 2 MB) and the h5 entry
 * JS gzipped (target < 200 KB). Builds first when dist/ is missing. Exits 1 when the main package is over its budget.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const root = path.join(__dirname, '..');
const weapp = path.join(root, 'dist', 'weapp');
const h5 = path.join(root, 'dist', 'h5');

function ensureBuilt(dir: string, script: string): void {
  if (fs.existsSync(path.join(dir, script === 'build:h5' ? 'index.html' : 'app.json'))) return;
  console.log(`${path.relative(root, dir)} missing: npm run ${script}`);
  const run = spawnSync('npm', ['run', script], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`npm run ${script} failed`);
}

function sizeOf(dir: string, skip: (rel: string) => boolean = () => false): number {
  let total = 0;
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = path.join(rel, e.name);
      if (skip(child) || e.name.endsWith('.LICENSE.txt') || e.name.endsWith('.map')) continue;
      if (e.isDirectory()) walk(child);
      else total += fs.statSync(path.join(dir, child)).size;
    }
  };
  walk('');
  return total;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

ensureBuilt(weapp, 'build:weapp:local');
ensureBuilt(h5, 'build:h5');

const app = JSON.parse(fs.readFileSync(path.join(weapp, 'app.json'), 'utf8')) as { subPackages?: { root: string }[] };
const subRoots = (app.subPackages ?? []).map((p) => p.root.replace(/\/$/, ''));
const total = sizeOf(weapp);
const main = sizeOf(weapp, (rel) => subRoots.some((r) => rel === r || rel.startsWith(`${r}${path.sep}`)));
console.log(`weapp total: ${kb(total)} (target < 1024 KB) ${total < 1024 * 1024 ? 'OK' : 'OVER TARGET'}`);
/** Every resident opens the main package first, on whatever network they have: kept far below WeChat's 2 MB. */
const MAIN_BUDGET = 600 * 1024;
console.log(`weapp main package: ${kb(main)} (budget ${kb(MAIN_BUDGET)}, hard limit 2048 KB) ${main < MAIN_BUDGET ? 'OK' : main < 2 * 1024 * 1024 ? 'OVER BUDGET' : 'OVER LIMIT'}`);
for (const r of subRoots) console.log(`weapp sub-package ${r}: ${kb(sizeOf(path.join(weapp, r)))}`);

// The h5 entry: the scripts index.html loads before the first page renders.
const html = fs.readFileSync(path.join(h5, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1].replace(/^\//, ''));
let raw = 0;
let gz = 0;
for (const s of scripts) {
  const buf = fs.readFileSync(path.join(h5, s));
  raw += buf.length;
  gz += zlib.gzipSync(buf, { level: 9 }).length;
}
console.log(`h5 entry JS: ${kb(raw)} raw, ${kb(gz)} gzipped over ${scripts.length} files (target < 200 KB gzipped) ${gz < 200 * 1024 ? 'OK' : 'OVER TARGET'}`);
if (main >= MAIN_BUDGET) process.exitCode = 1;
