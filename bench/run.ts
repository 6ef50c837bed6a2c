/**
 * `npm run bench`: every bench/*.bench.ts in turn, each in its own process so one
 * benchmark's heap and timers can't colour the next. Figures mean little without
 * the machine, so it is printed first.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dir = __dirname;
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  // The soak, Lighthouse and the h5 profile run for minutes (the last two need Chromium): only when named (npm run bench -- soak).
  .filter((f) => (only.length === 0 ? !/^(soak|lighthouse|h5profile)\./.test(f) : only.some((o) => f.includes(o))))
  .sort();

const cpus = os.cpus();
console.log(`machine: ${os.type()} ${os.release()} ${os.arch()}, ${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, ` +
  `${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, node ${process.version}`);
console.log(`date: ${new Date().toISOString()}`);

let failed = 0;
for (const file of files) {
  console.log(`\n## ${file}`);
  const started = Date.now();
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, file)], { stdio: 'inherit', cwd: path.join(dir, '..') });
  console.log(`(${file}: ${((Date.now() - started) / 1000).toFixed(1)} s, exit ${run.status})`);
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
