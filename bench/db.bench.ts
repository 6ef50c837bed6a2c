/**
 * Embedded MongoDB-compatible server, measured through the official driver:
 * - indexed find and nearby-50 latency at 1k vs 100k documents (target: 100k ≤ 2× the 1k cost);
 * - durable single-document insert throughput, 32 concurrent clients, dbPath (target ≥ 2,000/s);
 * - the same operations in memory for comparison.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { spawn } from 'child_process';
import { MongoClient } from 'mongodb';

/** The server runs in its own process, as `npm run db` would, so the load generator does not share its thread. */
async function startServer(dbPath?: string): Promise<{ uri: string; cpuMs(): number; stop(): Promise<void> }> {
  const args = ['--import', 'tsx', path.join(__dirname, '../server/db/cli.ts'), '--port', '0', ...(dbPath ? ['--dbpath', dbPath] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const uri = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /mongodb:\/\/\S+/.exec(out);
      if (m) resolve(m[0]);
    });
    child.once('exit', (code) => reject(new Error(`db server exited with ${code}`)));
  });
  return {
    uri,
    cpuMs: () => processCpuMs(child.pid!),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      }),
  };
}

/**
 * CPU the server process has used (user + system, ms), from /proc; NaN elsewhere. On a shared machine
 * latency and throughput track the other tenants' load, CPU per operation much less.
 */
function processCpuMs(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}
const CLOCK_TICKS = 100;

const CITY = { lng: 114.05, lat: 22.55, span: 0.4 }; // ~40 km square
let seed = 12345;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const point = () => ({ type: 'Point', coordinates: [CITY.lng + (rnd() - 0.5) * CITY.span, CITY.lat + (rnd() - 0.5) * CITY.span] });

function pct(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function timeEach(n: number, fn: (i: number) => Promise<unknown>, cpuMs: () => number): Promise<Lat> {
  for (let i = 0; i < Math.min(50, n); i++) await fn(i); // warm-up
  const cpu0 = cpuMs();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await fn(i);
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { p50: pct(samples, 50), p99: pct(samples, 99), cpu: (cpuMs() - cpu0) / n };
}

const fmt = (x: number) => x.toFixed(3);
const cpuOf = (l: { cpu: number; clientCpu?: number }) =>
  `server CPU ${l.cpu.toFixed(3)} ms/op` + (l.clientCpu === undefined ? '' : `  client (driver) CPU ${l.clientCpu.toFixed(3)} ms/op`);

type Lat = { p50: number; p99: number; /** server CPU ms per operation */ cpu: number };

async function latencies(n: number): Promise<{ find: Lat; near: Lat; geoNear: Lat }> {
  const server = await startServer();
  const client = await new MongoClient(server.uri).connect();
  const c = client.db('bench').collection('wishes');
  await c.createIndex({ email: 1 }, { unique: true });
  await c.createIndex({ location: '2dsphere' });
  for (let i = 0; i < n; i += 1000) {
    const docs = [];
    for (let j = i; j < Math.min(n, i + 1000); j++) docs.push({ email: `user${j}@example.com`, status: j % 3 ? 'open' : 'done', location: point(), createdAt: new Date() });
    await c.insertMany(docs);
  }
  const find = await timeEach(2000, (i) => c.findOne({ email: `user${(i * 7919) % n}@example.com` }), server.cpuMs);
  const near = await timeEach(500, () =>
    c.find({ location: { $near: { $geometry: point() } } }).limit(50).toArray(),
  server.cpuMs);
  // The product's own shape: $geoNear with a filter, then $limit.
  const geoNear = await timeEach(500, () =>
    c.aggregate([{ $geoNear: { near: point(), distanceField: 'distanceM', maxDistance: 20_000, key: 'location', query: { status: 'open' } } }, { $limit: 50 }]).toArray(),
  server.cpuMs);
  await client.close();
  await server.stop();
  return { find, near, geoNear };
}

async function insertThroughput(dbPath: string | undefined, seconds: number): Promise<{ rate: number; cpu: number; clientCpu: number }> {
  const server = await startServer(dbPath);
  // 32 connections, each with one insert in flight at a time: 32 concurrent clients as the server sees them.
  const client = await new MongoClient(server.uri, { maxPoolSize: 32, minPoolSize: 32 }).connect();
  let done = 0;
  let stop = false;
  const payload = { title: '帮忙买菜', note: 'x'.repeat(200), location: point() };
  const started = Date.now();
  const cpu0 = server.cpuMs();
  const client0 = process.cpuUsage();
  setTimeout(() => (stop = true), seconds * 1000);
  await Promise.all(
    Array.from({ length: 32 }, async (_, w) => {
      const c = client.db('bench').collection('inserts');
      for (let i = 0; !stop; i++) {
        await c.insertOne({ w, i, ...payload, at: new Date() });
        done++;
      }
    }),
  );
  const rate = done / ((Date.now() - started) / 1000);
  const cpu = (server.cpuMs() - cpu0) / done;
  // The driver's share: with 32 clients on 2 cores this process, not the server, is the busier one.
  const used = process.cpuUsage(client0);
  const clientCpu = (used.user + used.system) / 1000 / done;
  await client.close();
  await server.stop();
  return { rate, cpu, clientCpu };
}

async function main(): Promise<void> {
  // The machine is often shared: say how busy it was, since throughput tracks free CPU.
  console.log(`db bench: load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cpus`);
  const small = await latencies(1_000);
  const large = await latencies(100_000);
  console.log(`db indexed findOne by unique key   1k: p50 ${fmt(small.find.p50)} ms  p99 ${fmt(small.find.p99)} ms  ${cpuOf(small.find)}`);
  console.log(`db indexed findOne by unique key 100k: p50 ${fmt(large.find.p50)} ms  p99 ${fmt(large.find.p99)} ms  (100k/1k p50 ${(large.find.p50 / small.find.p50).toFixed(2)}×, target ≤ 2×)  ${cpuOf(large.find)}`);
  console.log(`db nearby-50 ($near, 2dsphere)      1k: p50 ${fmt(small.near.p50)} ms  p99 ${fmt(small.near.p99)} ms  ${cpuOf(small.near)}`);
  console.log(`db nearby-50 ($near, 2dsphere)    100k: p50 ${fmt(large.near.p50)} ms  p99 ${fmt(large.near.p99)} ms  (100k/1k p50 ${(large.near.p50 / small.near.p50).toFixed(2)}×, target ≤ 2×)  ${cpuOf(large.near)}`);
  console.log(`db nearby-50 ($geoNear+query)     1k: p50 ${fmt(small.geoNear.p50)} ms  p99 ${fmt(small.geoNear.p99)} ms  ${cpuOf(small.geoNear)}`);
  console.log(`db nearby-50 ($geoNear+query)   100k: p50 ${fmt(large.geoNear.p50)} ms  p99 ${fmt(large.geoNear.p99)} ms  (100k/1k p50 ${(large.geoNear.p50 / small.geoNear.p50).toFixed(2)}×, target ≤ 2×)  ${cpuOf(large.geoNear)}`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-bench-'));
  try {
    const durable = await insertThroughput(dir, 8);
    console.log(`db durable insertOne, 32 concurrent clients, dbPath (fsync before ack): ${Math.round(durable.rate)} ops/s (target ≥ 2000)  ${cpuOf(durable)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const memory = await insertThroughput(undefined, 5);
  console.log(`db insertOne, 32 concurrent clients, in memory: ${Math.round(memory.rate)} ops/s  ${cpuOf(memory)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
