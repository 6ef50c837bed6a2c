import type { Db } from 'mongodb';
import type { Envelope } from '@shared';
import type { CronJobName } from '@shared/actions/cron';
/** Environment variables as read (not the ambient NodeJS.ProcessEnv, which others augment). */
type Env = Record<string, string | undefined>;
import cluster from 'node:cluster';
import fs from 'node:fs';
import path from 'node:path';
import { WordListChecker } from '../cloudfunctions/_core/runtime/contentCheck';
import { connect } from '../cloudfunctions/_core/store/connect';
import { LocalSink, type Notifier } from '../cloudfunctions/_core/runtime/notifier';
import type { Runtime } from '../cloudfunctions/_core/runtime/types';
import { repositoriesOf } from '../cloudfunctions/_core/store/repositories';
import { ConfigError, filesSecretOf, loadConfig, type ServerConfig, type ServerMode } from './config';
import { FUNCTIONS } from './functions';
import { buildGateway, routesOf, type GatewayRoute } from './gateway';
import { startEmbeddedMongo } from './db/embeddedMongo';
import { startEmbeddedProcess } from './embeddedProcess';
import { Observability, type RequestLog } from './observability';
import { runPrimary, workersOf, WorkersError } from './cluster';
import { startLeasedTimer } from './leasedTimer';
import { seedDemo } from './seed';
import { USER_NOTES } from './seedData';
import { sweepUnusedPhotos, type SweepResult } from './photoSweep';
import { Tokens } from './tokens';
import { fileUrlSigner } from './fileUrls';
import { importDiskPhotos } from './uploads';
import { WechatHttpSender, WechatServerApi, wechatContentChecker } from './wechatApi';

export interface StartOptions {
  port?: number;
  host?: string;
  mode?: ServerMode;
  /** Use this database; otherwise the embedded one. */
  mongoUri?: string;
  mongoDb?: string;
  /** Embedded database directory, or ':memory:'. */
  dbPath?: string;
  /** Run the embedded database in this process (tests) or in a child process of its own (the default for serving). */
  embedded?: 'inline' | 'process';
  /** Seed the demo community (default: in local mode). */
  seed?: boolean;
  /**
   * Seed the demo's duty rosters too (default). Rosters make who hears of a wish depend on the
   * hour of the day, so tests that start from the demo on the real clock leave them out.
   */
  seedDutyRosters?: boolean;
  /** 0 turns the cron interval off (tests call cron.tick themselves). */
  cronIntervalMs?: number;
  /** Tests move time forward without waiting. */
  now?: () => Date;
  notifier?: Notifier;
  env?: Env;
  /** Where request log lines go (default: stdout when `LOG_REQUESTS` is on). */
  log?: RequestLog;
  /** Extra config (rate limit, body limit, WeChat API base…). */
  config?: Partial<ServerConfig>;
}

export interface RunningServer {
  url: string;
  /** The database actually used (the embedded server's URI when none was given). */
  mongoUri: string;
  port: number;
  config: ServerConfig;
  runtime: Runtime;
  /** The database itself, for the tests' own checks and clean-ups: the functions go through `runtime.repos`. */
  db: Db;
  /** The local notification sink when no other notifier is configured. */
  sink?: LocalSink;
  /**
   * One run of the timer, as the system. `at` pins its clock: the only way to move time for a tick
   * (a test hook, or a command on this machine); no request can carry one (issue 11, L1).
   */
  tick(opts?: { at?: Date; jobs?: CronJobName[] }): Promise<Envelope<unknown>>;
  /** This process's metrics (what GET /metrics answers). */
  observability: Observability;
  /** Every route the gateway serves (tests probe each). */
  routes: GatewayRoute[];
  /** Deletes uploaded photos no wish uses (hourly while the timer runs). */
  sweepPhotos(): Promise<SweepResult>;
  stop(): Promise<void>;
}

/** Unused photos are few and only grow when reports are abandoned: once an hour is plenty. */
const PHOTO_SWEEP_INTERVAL_MS = 3600_000;

/** Wires database, runtime, gateway and timer together; used by `npm run serve`, tests and e2e. */
export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const env = opts.env ?? process.env;
  const base = loadConfig(env);
  const config: ServerConfig = {
    ...base,
    ...opts.config,
    ...(opts.mode ? { mode: opts.mode } : {}),
    ...(opts.port !== undefined ? { port: opts.port } : {}),
    ...(opts.host ? { host: opts.host } : {}),
    ...(opts.mongoUri !== undefined ? { mongoUri: opts.mongoUri || undefined } : {}),
    ...(opts.mongoDb ? { mongoDb: opts.mongoDb } : {}),
    ...(opts.dbPath ? { dbPath: opts.dbPath } : {}),
    ...(opts.cronIntervalMs !== undefined ? { cronIntervalMs: opts.cronIntervalMs } : {}),
  };
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const s of stops.reverse()) await s().catch((err) => console.error('[stop]', err));
  };
  try {
    let uri = config.mongoUri;
    if (!uri) {
      if (config.dbPath !== ':memory:') fs.mkdirSync(config.dbPath, { recursive: true });
      const embedded =
        opts.embedded === 'process' ? await startEmbeddedProcess(config.dbPath) : await startEmbeddedMongo({ port: 0, dbPath: config.dbPath });
      stops.push(() => embedded.stop());
      uri = embedded.uri;
    }
    const log = opts.log ?? (config.logRequests ? (line: string) => process.stdout.write(`${line}\n`) : undefined);
    const observability = new Observability({ log, timerIntervalMs: config.cronIntervalMs });
    const conn = await connect(uri, config.mongoDb, (client) => observability.watchPool(client));
    stops.push(() => conn.close());

    const { appId, secret, apiBase } = config.wechat;
    const wechat = appId && secret ? new WechatServerApi({ appId, secret, apiBase }) : undefined;
    let sink: LocalSink | undefined;
    let notifier = opts.notifier;
    if (!notifier) {
      if (config.mode === 'selfhosted' && wechat) notifier = new WechatHttpSender(wechat);
      else notifier = sink = new LocalSink();
    }
    const runtime: Runtime = {
      repos: repositoriesOf(conn.db),
      now: opts.now ?? (() => new Date()),
      notifier,
      content: wechat ? wechatContentChecker(wechat) : new WordListChecker(),
      config: { mode: config.mode, templateIds: config.templateIds, miniprogramState: config.miniprogramState, ...(config.mapTiles ? { mapTiles: config.mapTiles } : {}) },
      media: fileUrlSigner(filesSecretOf(config)),
    };
    if (opts.seed ?? config.mode === 'local') await seedDemo(conn.db, runtime, { dutyRosters: opts.seedDutyRosters ?? true });

    observability.outboxBacklog = () => runtime.repos.messages.backlog(runtime.now());
    // The cluster's last finished tick, whichever process ran it.
    observability.timerLastRun = async () => (await runtime.repos.leases.find('cron'))?.lastRunAt?.getTime();

    const tick: RunningServer['tick'] = ({ at, jobs } = {}) =>
      FUNCTIONS.cron({ action: 'tick', data: jobs ? { jobs } : {} }, { identity: { kind: 'system' }, runtime: at ? { ...runtime, now: () => at } : runtime });
    // Once per cluster: each process tries every interval, the lease holder runs (server/leasedTimer.ts).
    if (config.cronIntervalMs > 0) {
      stops.push(startLeasedTimer({
        name: 'cron',
        intervalMs: config.cronIntervalMs,
        leases: runtime.repos.leases,
        observability,
        work: async () => {
          const r = await tick();
          if (!r.ok) console.error(JSON.stringify({ t: new Date().toISOString(), msg: 'cron tick failed', error: r.error }));
          return r.ok;
        },
      }));
    }

    const imported = await importDiskPhotos(config, runtime);
    if (imported) console.log(JSON.stringify({ t: new Date().toISOString(), msg: 'photos moved from disk into the database', count: imported }));
    const sweepPhotos = () => sweepUnusedPhotos(runtime);
    if (config.cronIntervalMs > 0) {
      stops.push(startLeasedTimer({
        name: 'photoSweep',
        intervalMs: PHOTO_SWEEP_INTERVAL_MS,
        leases: runtime.repos.leases,
        observability,
        work: async () => {
          await sweepPhotos();
          return true;
        },
      }));
    }

    const app = await buildGateway({ config, runtime, tokens: new Tokens(config.tokenSecret, config.accessTokenTtlSeconds), functions: FUNCTIONS, observability });
    await app.listen({ port: config.port, host: config.host });
    stops.push(() => app.close());
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const shownHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    let stopping: Promise<void> | undefined;
    return { url: `http://${shownHost}:${port}`, mongoUri: uri, port, config, runtime, db: conn.db, sink, tick, observability, sweepPhotos, routes: routesOf(app), stop: () => (stopping ??= stopAll()) };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

function printBanner(s: RunningServer): void {
  const lines = [`心愿 Xinyuan 已启动：${s.url}  （模式 ${s.config.mode}，数据库 ${s.config.mongoUri ? 'MONGODB_URI' : `内置 ${s.config.dbPath}`}）`];
  if (!fs.existsSync(path.join(s.config.h5Dir, 'index.html'))) lines.push(`尚未构建 h5 页面（${s.config.h5Dir}/index.html 不存在）：先运行 npm run build:h5`);
  if (s.config.mode === 'local') {
    lines.push('演示登录：POST /api/auth/dev-login {"as":"<用户>"}，可用用户：');
    for (const [key, note] of Object.entries(USER_NOTES)) lines.push(`  ${key.padEnd(13)} ${note}`);
    lines.push(`例如：curl -s -X POST ${s.url}/api/auth/dev-login -H 'content-type: application/json' -d '{"as":"secretary"}'`);
  }
  console.log(lines.join('\n'));
}

async function cli(): Promise<void> {
  let server: RunningServer;
  try {
    const workers = workersOf(process.argv.slice(2), process.env);
    if (workers > 1 && cluster.isPrimary) return await runPrimary(workers);
    // Under --workers, every worker but the first finds the demo seeded already.
    server = await startServer({ embedded: 'process', ...(process.env.XINYUAN_SEED === '0' ? { seed: false } : {}) });
  } catch (err) {
    if (err instanceof ConfigError || err instanceof WorkersError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  printBanner(server);
  const shutdown = (signal: string) => {
    console.log(`收到 ${signal}，正在停止…`);
    server.stop().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

if (require.main === module) {
  cli().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
