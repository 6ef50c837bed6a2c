/**
 * The 三单 loop (post, approve, claim, start, complete, confirm) through one gateway process and
 * through two (`--workers 2`, node's cluster module on one port), on one embedded database in a
 * process of its own; 50 clients, keep-alive, every write with a requestId. Short: BENCH_SECONDS
 * (default 5) per run. Reports calls/s, per-call p50/p99 and each process's CPU per call, which is
 * what decides what a second process buys: on 2 cores the gateway, the database and the clients
 * already share them.
 *   npm run bench -- workers
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import readline from 'node:readline';
import { MongoClient } from 'mongodb';
import { startEmbeddedProcess } from '../server/embeddedProcess';

const CLIENTS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const RESIDENTS = 500;

function cpuSecondsOf(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
}

async function run(workers: number, uri: string, dbPid: number) {
  const dbName = `xinyuan_bench_w${workers}_${Date.now()}`;
  const gateway = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '..', 'server', 'main.ts'), '--workers', String(workers)], {
    cwd: path.join(__dirname, '..'),
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, XINYUAN_MODE: 'local', MONGODB_URI: uri, MONGODB_DB: dbName, PORT: '0', HOST: '127.0.0.1', RATE_LIMIT_PER_MINUTE: '100000000', CRON_INTERVAL_MS: '0', LOG_REQUESTS: '0' },
  });
  process.once('exit', () => gateway.kill('SIGKILL'));
  const workerPids: number[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    let found: string | undefined;
    readline.createInterface({ input: gateway.stdout! }).on('line', (line) => {
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (m) found ??= m[1];
      if (line.includes('"msg":"worker listening"')) workerPids.push((JSON.parse(line) as { worker: number }).worker);
      if (found && (workers === 1 || workerPids.length === workers)) resolve(found);
    });
    gateway.once('exit', (code) => reject(new Error(`gateway exited (${code})`)));
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  const post = (p: string, body: unknown, token?: string) => new Promise<{ ok: boolean; data: any }>((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = http.request(url + p, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...(token ? { authorization: `Bearer ${token}` } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString())));
    });
    req.on('error', reject);
    req.end(payload);
  });
  const client = await MongoClient.connect(uri);
  const now = new Date();
  const people = (prefix: string, roles: string[], n: number) => Array.from({ length: n }, (_, i) => ({ _id: `u-${prefix}-${i}`, devKey: `${prefix}_${i}`, name: `${prefix}${i}`, createdAt: now, memberships: [{ communityId: 'com-taoyuan', townId: 'town-huayuan', roles }] }));
  await client.db(dbName).collection('users').insertMany([...people('bv', ['volunteer'], CLIENTS), ...people('br', ['resident'], RESIDENTS)] as never[]);
  const login = async (as: string) => (await post('/api/auth/dev-login', { as })).data.token as string;
  const helpers = await Promise.all(people('bv', [], CLIENTS).map((u) => login(u.devKey)));
  const residents = await Promise.all(people('br', [], RESIDENTS).map((u) => login(u.devKey)));
  const secretary = await login('secretary');
  await post('/api/fn/org', { action: 'updateSettings', data: { settings: { postsPerDay: 100 } } }, secretary);

  const calls: number[] = [];
  let errors = 0;
  let posted = 0;
  const call = async (fn: string, action: string, data: object, token: string) => {
    const t = performance.now();
    const r = await post(`/api/fn/${fn}`, { action, data, requestId: randomUUID() }, token);
    calls.push(performance.now() - t);
    if (!r.ok) errors++;
    return r.data;
  };
  const pids = { database: dbPid, primary: gateway.pid!, ...Object.fromEntries(workerPids.map((p, i) => [`worker${i + 1}`, p])) };
  const cpu0 = Object.fromEntries(Object.entries(pids).map(([k, p]) => [k, cpuSecondsOf(p)]));
  const started = performance.now();
  const until = started + SECONDS * 1000;
  await Promise.all(helpers.map(async (helper) => {
    while (performance.now() < until) {
      const resident = residents[posted++ % residents.length];
      const created = await call('wishes', 'create', { category: 'daily_help', title: '压测心愿', description: '压测一个完整的流程', location: { type: 'Point', coordinates: [113.9951, 31.2527] } }, resident);
      const wishId = created?.wish?.id;
      if (!wishId) continue;
      await call('dispatch', 'approve', { wishId }, secretary);
      await call('tasks', 'claim', { wishId }, helper);
      await call('tasks', 'start', { wishId }, helper);
      await call('tasks', 'complete', { wishId, note: '已完成' }, helper);
      await call('wishes', 'confirm', { wishId }, resident);
    }
  }));
  const wallS = (performance.now() - started) / 1000;
  const cpu = Object.entries(pids).map(([k, p]) => {
    const used = cpuSecondsOf(p) - cpu0[k];
    return `${k} ${((used / wallS) * 100).toFixed(0)}% (${((used * 1000) / calls.length).toFixed(2)} ms/call)`;
  });
  const clientCpu = process.cpuUsage();
  calls.sort((a, b) => a - b);
  const at = (q: number) => calls[Math.min(calls.length - 1, Math.floor(q * calls.length))].toFixed(0);
  console.log(`loop through ${workers} gateway process${workers > 1 ? 'es' : ''}: ${(calls.length / wallS).toFixed(0)} calls/s, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, ${errors} errors`);
  console.log(`  cpu: ${cpu.join(', ')}; clients (this process, whole run) ${((clientCpu.user + clientCpu.system) / 1e6).toFixed(1)} s`);
  agent.destroy();
  await client.db(dbName).dropDatabase().catch(() => undefined);
  await client.close();
  await new Promise<void>((resolve) => {
    gateway.once('exit', () => resolve());
    gateway.kill('SIGTERM');
  });
}

async function main() {
  const db = await startEmbeddedProcess(':memory:');
  try {
    for (const workers of [1, 2]) await run(workers, db.uri, db.pid);
  } finally {
    await db.stop();
  }
}

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
