/**
 * Gateway latency: claim, nearby and the full 三单 loop through HTTP, at 1k and 100k open
 * wishes, 50 concurrent clients. Embedded database unless MONGODB_URI is set.
 *   npm run bench -- gateway          (budget: p99 ≤ 100 ms per call, loop calls included, and no errors at 100k)
 * Every write carries a requestId, as the client sends one, so its idempotency record is in the figures.
 * Unpaced runs (each client sends again as soon as it is answered) measure throughput; their
 * latency is mostly queueing (50 clients ÷ requests per second). The paced runs (BENCH_RATE,
 * default 200/s over the same 50 clients) measure latency at a stated load.
 * BENCH_SIZES=1000,100000  BENCH_SECONDS=8  BENCH_ONLY=nearby,claim,loop,paced,tick  BENCH_RATE=200
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import readline from 'node:readline';
import { MongoClient, ObjectId, type Db } from 'mongodb';
import { startEmbeddedProcess } from '../server/embeddedProcess';

const CONNECTIONS = 50;
/** Open wishes set aside for each second of a claim run: more than the stack can claim (running out would show as errors). */
const CLAIMS_PER_SECOND = 4000;
const RESIDENTS = 1000;
/** The paced runs: a busy community's whole traffic, spread over the same 50 clients. */
const RATE = Number(process.env.BENCH_RATE ?? 200);
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);
const SIZES = (process.env.BENCH_SIZES ?? '1000,100000').split(',').map(Number);
const ONLY = process.env.BENCH_ONLY?.split(',');
const runs = (name: string) => !ONLY || ONLY.includes(name);
const CENTER = [113.9935, 31.2525] as const;
/** Every write carries a requestId, as the client sends one (services/api.ts): the idempotency record is part of a write's cost. */
const requestId = () => randomUUID();

/** Linux: CPU seconds a process has used (utime + stime), from /proc. */
function cpuSecondsOf(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

/**
 * Where a scenario's CPU went: each process's share of a core, and its milliseconds per request.
 * On 2 cores the three processes compete, so a busy client is CPU the server did not get.
 */
function cpuMeter(pids: Record<string, number | undefined>) {
  const wall0 = performance.now();
  const before = Object.entries(pids).map(([name, pid]) => ({ name, pid, cpu: pid ? cpuSecondsOf(pid) : undefined }));
  return {
    stop(requests: number): string {
      const wallS = (performance.now() - wall0) / 1000;
      const parts = before.flatMap(({ name, pid, cpu }) => {
        const after = pid ? cpuSecondsOf(pid) : undefined;
        if (cpu === undefined || after === undefined) return [];
        const used = after - cpu;
        return [`${name} ${((used / wallS) * 100).toFixed(0)}% (${((used * 1000) / Math.max(1, requests)).toFixed(2)} ms/req)`];
      });
      return parts.length ? `  cpu: ${parts.join(', ')}` : '  cpu: (not on Linux)';
    },
  };
}

function pct(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

/**
 * The three processes of a self-hosted deployment: the database, the gateway, and the clients
 * (this process). Sharing the gateway's event loop with the load generator would bill the
 * clients' work to the server.
 */
async function startStack(): Promise<{ url: string; db: Db; pids: Record<string, number | undefined>; stop(): Promise<void> }> {
  const external = process.env.MONGODB_URI;
  const embedded = external ? null : await startEmbeddedProcess(':memory:');
  const uri = external ?? embedded!.uri;
  const dbName = `xinyuan_bench_${Date.now()}`;
  // XY_GATEWAY_NODE_ARGS="--cpu-prof …" profiles the gateway (XY_DB_NODE_ARGS does the same for the database).
  const nodeArgs = (process.env.XY_GATEWAY_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const gateway = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(__dirname, '..', 'server', 'main.ts')], {
    cwd: path.join(__dirname, '..'),
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env, XINYUAN_MODE: 'local', MONGODB_URI: uri, MONGODB_DB: dbName, PORT: '0', HOST: '127.0.0.1',
      RATE_LIMIT_PER_MINUTE: '100000000', CRON_INTERVAL_MS: '0',
    },
  });
  // A bench that dies must not leave its gateway serving (the database child already ends with its parent).
  process.once('exit', () => gateway.kill('SIGKILL'));
  const url = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: gateway.stdout! }).on('line', (line) => {
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (m) resolve(m[1]);
    });
    gateway.once('exit', (code) => reject(new Error(`gateway exited (${code}) before listening`)));
  });
  const client = await MongoClient.connect(uri);
  return {
    url,
    db: client.db(dbName),
    pids: { client: process.pid, gateway: gateway.pid, database: embedded?.pid },
    async stop() {
      await client.close();
      await new Promise<void>((resolve) => {
        if (gateway.exitCode !== null) return resolve();
        gateway.once('exit', () => resolve());
        gateway.kill('SIGTERM');
      });
      await embedded?.stop();
    },
  };
}

async function main(): Promise<void> {
  const server = await startStack();
  const db = server.db;
  // Keep-alive node:http, as autocannon uses: fetch (undici) cost the client a third of a core in the loop, CPU the stack then lacked.
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const send = (path: string, payload: string, token?: string) => new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(server.url + path, {
      method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(payload);
  });
  const post = async (path: string, body: unknown, token?: string) =>
    JSON.parse((await send(path, JSON.stringify(body), token)).body) as { ok: boolean; data: any; error?: { code: string } };
  const login = async (as: string) => (await post('/api/auth/dev-login', { as })).data.token as string;

  // 50 helpers and 1,000 residents taking turns to post, so no one person's daily limit shapes the numbers.
  const now = new Date();
  const people = (prefix: string, roles: string[], count = CONNECTIONS) =>
    Array.from({ length: count }, (_, i) => ({
      _id: `u-${prefix}-${i}`, devKey: `${prefix}_${i}`, name: `${prefix}${i}`, createdAt: now,
      memberships: [{ communityId: 'com-taoyuan', townId: 'town-huayuan', roles }],
    }));
  await db.collection('users').insertMany([...people('benchvol', ['volunteer']), ...people('benchres', ['resident'], RESIDENTS)] as never[]);
  const helpers = await Promise.all(people('benchvol', []).map((u) => login(u.devKey)));
  const residents = await Promise.all(people('benchres', [], RESIDENTS).map((u) => login(u.devKey)));
  let posts = 0;
  const nextResident = () => residents[posts++ % residents.length];
  const secretary = await login('secretary');
  await post('/api/fn/org', { action: 'updateSettings', data: { settings: { postsPerDay: 100 } } }, secretary);

  const insertOpen = async (count: number): Promise<string[]> => {
    const ids: string[] = [];
    while (ids.length < count) {
      const batch = [];
      for (let i = 0; i < 2000 && ids.length < count; i++) {
        const _id = new ObjectId().toHexString();
        ids.push(_id);
        batch.push({
          _id, communityId: 'com-taoyuan', townId: 'town-huayuan', category: 'daily_help', title: `压测心愿 ${ids.length}`, description: '压测',
          location: { type: 'Point', coordinates: [CENTER[0] + (Math.random() - 0.5) * 0.04, CENTER[1] + (Math.random() - 0.5) * 0.04] },
          helpersNeeded: 1, slotsFree: 1, channel: 'miniprogram', anonymous: false, priority: 'normal', status: 'open',
          ownerId: 'u-resident', createdBy: 'u-resident', claims: [], rev: 0, openedAt: now, createdAt: now, updatedAt: now, events: [],
        });
      }
      await db.collection('wishes').insertMany(batch as never[]);
    }
    return ids;
  };

  // Each client sends its next request as soon as the last is answered: the most the stack can serve, and the queueing that follows.
  const nearby = (seconds: number) => autocannon({
    url: `${server.url}/api/fn/tasks`, connections: CONNECTIONS, duration: seconds, method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [{
      setupRequest: (req) => ({
        ...req,
        headers: { ...req.headers, authorization: `Bearer ${helpers[Math.floor(Math.random() * helpers.length)]}` },
        body: nearbyBody(),
      }),
    }],
  });

  const metered = async (run: () => Promise<autocannon.Result>) => {
    const meter = cpuMeter(server.pids);
    const result = await run();
    return { result, cpu: meter.stop(result.requests.total) };
  };

  // Each request claims a different open wish, added for the run: every one should win. As long as the
  // other runs, so one GC pause weighs the same; those left unclaimed go again, so the open pool keeps its size.
  const claimRun = async (seconds: number) => {
    const ids = await insertOpen(CLAIMS_PER_SECOND * seconds);
    let next = 0;
    const run = await metered(() => autocannon({
      url: `${server.url}/api/fn/tasks`, connections: CONNECTIONS, duration: seconds, method: 'POST',
      headers: { 'content-type': 'application/json' },
      requests: [{
        setupRequest: (req) => ({
          ...req,
          headers: { ...req.headers, authorization: `Bearer ${helpers[next % helpers.length]}` },
          body: JSON.stringify({ action: 'claim', data: { wishId: ids[next++ % ids.length] }, requestId: requestId() }),
        }),
      }],
    }));
    // In slices: one delete of tens of thousands would hold the database's event loop for seconds.
    for (let i = 0; i < ids.length; i += 1000) {
      await db.collection('wishes').deleteMany({ _id: { $in: ids.slice(i, i + 1000) as never[] }, status: 'open' });
    }
    return run;
  };

  // The whole loop as people live it: post, approve, claim, start, complete, confirm.
  const loop = async (seconds: number) => {
    const loops: number[] = [];
    const calls = new Map<string, number[]>();
    const timed = async (name: string, fn: string, action: string, data: object, token: string) => {
      const t = performance.now();
      const r = await post(`/api/fn/${fn}`, { action, data, requestId: requestId() }, token);
      const list = calls.get(name) ?? calls.set(name, []).get(name)!;
      list.push(performance.now() - t);
      if (!r.ok) throw new Error(`${fn}.${action}: ${r.error?.code}`);
      return r;
    };
    let errors = 0;
    const deadline = Date.now() + seconds * 1000;
    await Promise.all(Array.from({ length: CONNECTIONS }, async (_, c) => {
      while (Date.now() < deadline) {
        const t = performance.now();
        const resident = nextResident();
        try {
          const created = await timed('wishes.create', 'wishes', 'create', { category: 'repair', title: '压测全流程', description: '压测全流程心愿', location: { type: 'Point', coordinates: [...CENTER] } }, resident);
          const wishId = created.data.wish.id;
          const steps: [string, string, object, string][] = [
            ['dispatch', 'approve', { wishId }, secretary],
            ['tasks', 'claim', { wishId }, helpers[c]],
            ['tasks', 'start', { wishId }, helpers[c]],
            ['tasks', 'complete', { wishId, note: '完成' }, helpers[c]],
            ['wishes', 'confirm', { wishId }, resident],
          ];
          for (const [fn, action, data, token] of steps) await timed(`${fn}.${action}`, fn, action, data, token);
          loops.push(performance.now() - t);
        } catch (err) {
          errors++;
          if (errors <= 3) console.log(`  loop error: ${(err as Error).message}`);
        }
      }
    }));
    const sorted = (xs: number[]) => xs.sort((a, b) => a - b);
    return { loops: sorted(loops), errors, calls: [...calls].map(([name, xs]) => ({ name, latencies: sorted(xs) })), all: sorted([...calls.values()].flat()) };
  };

  /**
   * Open-loop load: requests leave on a fixed schedule (evenly spaced, `rate` per second over
   * CONNECTIONS keep-alive sockets) whether or not earlier ones were answered, and each latency
   * counts from its scheduled time, so a stall shows up in every request it delays.
   * (autocannon's own rate limit sends each second's quota in a burst at the top of the second.)
   */
  const paced = async (rate: number, seconds: number, body: () => string): Promise<{ latencies: number[]; errors: number; sent: number }> => {
    const latencies: number[] = [];
    let errors = 0;
    const total = Math.round(rate * seconds);
    const start = performance.now() + 50;
    const one = (i: number) => new Promise<void>((resolve) => {
      const due = start + (i * 1000) / rate;
      setTimeout(() => {
        send('/api/fn/tasks', body(), helpers[i % helpers.length]).then(
          (res) => {
            latencies.push(performance.now() - due);
            if (res.status !== 200 || !JSON.parse(res.body).ok) errors++;
          },
          () => { errors++; },
        ).finally(resolve);
      }, Math.max(0, due - performance.now()));
    });
    await Promise.all(Array.from({ length: total }, (_, i) => one(i)));
    return { latencies: latencies.sort((a, b) => a - b), errors, sent: total };
  };
  const nearbyBody = () => JSON.stringify({ action: 'nearby', data: { lng: CENTER[0] + (Math.random() - 0.5) * 0.02, lat: CENTER[1] + (Math.random() - 0.5) * 0.02, radiusM: 3000, limit: 20 } });

  // Warm-up, not reported: the first seconds measure the JIT and the connection pools, not the service.
  // The warm-up wishes end up claimed, like the closed wishes any real community has.
  await nearby(3);
  await claimRun(2);
  await loop(3);

  let inserted = 0;
  for (const size of SIZES) {
    // Open wishes scattered over ~4 km around the community centre.
    const t0 = Date.now();
    await insertOpen(size - inserted);
    inserted = size;
    console.log(`open wishes: ${size} (inserted in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);

    const report = (name: string, { result: r, cpu }: { result: autocannon.Result; cpu: string }) => {
      const errors = r.errors + r.timeouts + r.non2xx;
      console.log(`gateway ${name.padEnd(14)} n=${size} c=${CONNECTIONS}: p50=${r.latency.p50} ms p99=${r.latency.p99} ms max=${r.latency.max} ms rps=${Math.round(r.requests.average)} requests=${r.requests.total} errors=${errors}`);
      console.log(cpu);
    };
    if (runs('nearby')) report('nearby', await metered(() => nearby(DURATION_S)));
    if (runs('claim')) report('claim', await claimRun(DURATION_S));
    if (runs('paced')) {
      const reportPaced = (name: string, r: { latencies: number[]; errors: number; sent: number }) =>
        console.log(`gateway ${`${name}@${RATE}/s`.padEnd(14)} n=${size} c=${CONNECTIONS}: p50=${pct(r.latencies, 50).toFixed(0)} ms p99=${pct(r.latencies, 99).toFixed(0)} ms max=${pct(r.latencies, 100).toFixed(0)} ms requests=${r.sent} errors=${r.errors}`);
      reportPaced('nearby', await paced(RATE, DURATION_S, nearbyBody));
      const claimIds = await insertOpen(RATE * DURATION_S);
      let c = 0;
      reportPaced('claim', await paced(RATE, DURATION_S, () => JSON.stringify({ action: 'claim', data: { wishId: claimIds[c++] }, requestId: requestId() })));
    }
    if (runs('loop')) {
      const meter = cpuMeter(server.pids);
      const { loops, errors, calls, all } = await loop(DURATION_S);
      const usage = meter.stop(all.length);
      console.log(`gateway loop           n=${size} c=${CONNECTIONS}: p50=${pct(loops, 50).toFixed(0)} ms p99=${pct(loops, 99).toFixed(0)} ms loops=${loops.length} (6 calls each) errors=${errors}`);
      console.log(`gateway loop call      n=${size} c=${CONNECTIONS}: p50=${pct(all, 50).toFixed(0)} ms p99=${pct(all, 99).toFixed(0)} ms calls=${all.length} rps=${Math.round(all.length / DURATION_S)}`);
      for (const c of calls) console.log(`  ${c.name.padEnd(17)} p50=${pct(c.latencies, 50).toFixed(0)} ms p99=${pct(c.latencies, 99).toFixed(0)} ms`);
      console.log(usage);
    }
    if (runs('tick')) {
      // The timer's sweep (leases, escalation, auto-confirm, outbox) runs every minute beside everyone's requests.
      // The sweeps read the wishes that are due; the outbox then sends up to 200 messages, three round trips each.
      for (const [name, jobs] of [['sweeps', ['leases', 'escalation', 'autoConfirm']], ['with outbox', undefined]] as const) {
        const took: number[] = [];
        for (let i = 0; i < 3; i++) {
          const t = performance.now();
          const r = await post('/api/fn/cron', { action: 'tick', data: jobs ? { jobs } : {} });
          if (!r.ok) throw new Error(`cron.tick: ${r.error?.code}`);
          took.push(performance.now() - t);
        }
        console.log(`gateway cron.tick      n=${size} ${name}: ${took.map((t) => `${t.toFixed(0)} ms`).join(', ')} (3 in a row)`);
      }
    }
  }
  agent.destroy();
  await server.stop();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
