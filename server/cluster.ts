import cluster, { type Worker } from 'node:cluster';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { AggregatorRegistry } from 'prom-client';
import { loadConfig } from './config';
import { METRICS_REPLY, METRICS_REQUEST } from './observability';
import { startEmbeddedProcess } from './embeddedProcess';

/** Environment variables as read. */
type Env = Record<string, string | undefined>;

/** `--workers N` on the command line, else WORKERS; 1 (no cluster) when neither says more. */
export function workersOf(argv: string[], env: Env): number {
  const i = argv.indexOf('--workers');
  const given = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--workers='))?.slice('--workers='.length) ?? env.WORKERS;
  if (given === undefined || given === '') return 1;
  const n = Number(given);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new WorkersError(`--workers / WORKERS 应为 1 到 64 之间的整数，现在是 "${given}"`);
  return n;
}

export class WorkersError extends Error {
  override name = 'WorkersError';
}

const log = (msg: string, fields: Record<string, unknown> = {}) => console.log(JSON.stringify({ t: new Date().toISOString(), msg, pid: process.pid, ...fields }));

/** Deaths in a row faster than this are a crash loop: wait before the next replacement. */
const CRASH_LOOP_MS = 5_000;

/**
 * `npm start -- --workers N`: N gateway processes on one port (node's cluster module shares the
 * listening socket), each stateless — database, rate limits, photos and the timer's lease are in
 * MongoDB — so any may die and is replaced. Without MONGODB_URI the primary runs the embedded
 * database in a child process of its own that every worker connects to; the first worker seeds the
 * demo, the rest start once it listens. In local mode without TOKEN_SECRET the primary picks one for
 * all workers (a token signed by one is honoured by the others).
 */
export async function runPrimary(workers: number, env: Env = process.env): Promise<void> {
  const config = loadConfig(env);
  const workerEnv: Env = { ...env, WORKERS: '1', TOKEN_SECRET: env.TOKEN_SECRET || randomBytes(32).toString('hex') };
  let stopDb: (() => Promise<void>) | undefined;
  if (!config.mongoUri) {
    if (config.dbPath !== ':memory:') fs.mkdirSync(config.dbPath, { recursive: true });
    const db = await startEmbeddedProcess(config.dbPath);
    stopDb = db.stop;
    workerEnv.MONGODB_URI = db.uri;
    workerEnv.XINYUAN_EMBEDDED_DB = config.dbPath;
  }
  let stopping = false;
  let lastDeath = 0;
  const fork = (seed: boolean): Worker => cluster.fork({ ...workerEnv, XINYUAN_SEED: seed ? '' : '0' });
  // A scrape of the shared port lands on one worker, which asks here for the sum over all of them.
  const metrics = new AggregatorRegistry();
  cluster.on('message', (w, m: { type?: string; id?: number }) => {
    if (m?.type !== METRICS_REQUEST) return;
    metrics.clusterMetrics().then(
      (text) => w.isConnected() && w.send({ type: METRICS_REPLY, id: m.id, text }),
      // Without text the worker answers with its own figures.
      (err) => (log('metrics of the workers failed', { error: String(err) }), w.isConnected() && w.send({ type: METRICS_REPLY, id: m.id })),
    );
  });
  cluster.on('listening', (w, address) => log('worker listening', { worker: w.process.pid, port: address.port }));
  cluster.on('exit', (w, code, signal) => {
    if (stopping) return;
    log('worker died; starting another', { worker: w.process.pid, code, signal });
    const now = Date.now();
    const delay = now - lastDeath < CRASH_LOOP_MS ? 1_000 : 0;
    lastDeath = now;
    setTimeout(() => { if (!stopping) fork(false); }, delay);
  });

  const first = fork(true);
  await new Promise<void>((resolve, reject) => {
    first.once('listening', () => resolve());
    first.once('exit', (code) => reject(new Error(`the first worker exited (${code}) before listening`)));
  });
  for (let i = 1; i < workers; i++) fork(false);

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log('stopping', { signal });
    const exits = Object.values(cluster.workers ?? {}).map((w) => new Promise<void>((resolve) => {
      if (!w || w.isDead()) return resolve();
      w.once('exit', () => resolve());
      w.process.kill('SIGTERM');
    }));
    await Promise.all(exits);
    await stopDb?.();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
