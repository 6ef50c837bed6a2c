import type { MongoClient } from 'mongodb';
import cluster from 'node:cluster';
import { AggregatorRegistry, Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { ActionSchemas } from '@shared/actions';

/** What one request leaves in the log and the metrics: no user id, no address, no body. */
export interface RequestRecord {
  requestId: string;
  /** The client's idempotency key, when it sent one. */
  clientRequestId?: string;
  method: string;
  route: string;
  function: string;
  action: string;
  status: number;
  /** The envelope's error code on a refusal. */
  code?: string;
  ms: number;
}

/** One JSON line per request; tests pass an array's push. */
export type RequestLog = (line: string) => void;

export interface TimerRun {
  timer: string;
  outcome: 'ok' | 'error' | 'skipped';
  ms: number;
}

/**
 * Per-process metrics in the Prometheus text format. Many gateways are read together by scraping
 * each (or, under `--workers`, the primary's aggregate): counters sum, the outbox backlog and timer
 * lag are the cluster's own figures read from the database, so every process reports the same value (take max).
 */
export class Observability {
  readonly registry = new Registry();
  private readonly requests: Counter<'function' | 'action' | 'status'>;
  private readonly latency: Histogram<'function' | 'action'>;
  private readonly timerRuns: Counter<'timer' | 'outcome'>;
  private readonly timerSeconds: Histogram<'timer'>;
  private readonly poolOpen: Gauge;
  private readonly poolInUse: Gauge;
  private readonly poolWaitFailures: Counter;
  /** When the cluster last finished a tick (ms since epoch), read at scrape time; undefined before any. */
  timerLastRun: () => Promise<number | undefined> = async () => undefined;
  /** Messages due and unsent in the database, read at scrape time (set once the repositories exist). */
  outboxBacklog: () => Promise<number> = async () => 0;

  constructor(opts: { log?: RequestLog; timerIntervalMs: number }) {
    this.log = opts.log;
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    if (cluster.isWorker) {
      // The worker half of prom-client's cluster protocol: answers the primary's collection with this registry.
      AggregatorRegistry.setRegistries([this.registry]);
      new AggregatorRegistry();
    }
    this.requests = new Counter({ name: 'xinyuan_requests_total', help: 'HTTP requests by cloud function, action and status', labelNames: ['function', 'action', 'status'], registers });
    this.latency = new Histogram({
      name: 'xinyuan_request_duration_seconds',
      help: 'Time from request to reply, by cloud function and action',
      labelNames: ['function', 'action'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.timerRuns = new Counter({ name: 'xinyuan_timer_runs_total', help: 'Timer runs in this process: ok, error, or skipped (another process holds the lease, or the last run is still going)', labelNames: ['timer', 'outcome'], registers });
    this.timerSeconds = new Histogram({ name: 'xinyuan_timer_duration_seconds', help: 'How long a timer run took', labelNames: ['timer'], buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30], registers });
    this.poolOpen = new Gauge({ name: 'xinyuan_db_pool_connections', help: 'Open connections of this process to the database', registers });
    this.poolInUse = new Gauge({ name: 'xinyuan_db_pool_in_use', help: 'Connections checked out for an operation right now', registers });
    this.poolWaitFailures = new Counter({ name: 'xinyuan_db_pool_checkout_failures_total', help: 'Operations that could not get a connection (pool closed, wait timed out, connection error)', registers });
    const backlog = () => this.outboxBacklog();
    const lastRun = () => this.timerLastRun();
    new Gauge({ name: 'xinyuan_gateway_processes', help: 'Gateway processes answering this scrape (one; under --workers, the primary sums its workers)', registers }).set(1);
    new Gauge({
      name: 'xinyuan_outbox_backlog',
      aggregator: 'max',
      help: 'Notifications due for sending and not yet sent (the whole database, not this process)',
      registers,
      async collect() {
        this.set(await backlog());
      },
    });
    new Gauge({
      name: 'xinyuan_timer_lag_seconds',
      aggregator: 'max',
      help: 'How far the cluster\'s timer is behind: seconds since its last finished tick beyond one interval (0 when on time); -1 before any tick',
      registers,
      async collect() {
        const last = await lastRun();
        this.set(last === undefined ? -1 : Math.max(0, (Date.now() - last - opts.timerIntervalMs) / 1000));
      },
    });
  }

  private readonly log?: RequestLog;

  /** Counts a request and writes its log line. Labels are bounded: an unknown function or action is `unknown`. */
  record(r: RequestRecord): void {
    this.requests.inc({ function: r.function, action: r.action, status: String(r.status) });
    this.latency.observe({ function: r.function, action: r.action }, r.ms / 1000);
    if (this.log) this.log(JSON.stringify({ t: new Date().toISOString(), msg: 'request', pid: process.pid, ...r, ms: Math.round(r.ms * 10) / 10 }));
  }

  timer(run: TimerRun): void {
    this.timerRuns.inc({ timer: run.timer, outcome: run.outcome });
    if (run.outcome !== 'skipped') this.timerSeconds.observe({ timer: run.timer }, run.ms / 1000);
  }

  /** Follows the driver's connection pool events (CMAP: emitted without any monitoring switch); call before it connects. */
  watchPool(client: MongoClient): void {
    client.on('connectionCreated', () => this.poolOpen.inc());
    client.on('connectionClosed', () => this.poolOpen.dec());
    client.on('connectionCheckedOut', () => this.poolInUse.inc());
    client.on('connectionCheckedIn', () => this.poolInUse.dec());
    client.on('connectionCheckOutFailed', () => this.poolWaitFailures.inc());
  }

  /** This process's metrics; in a `--workers` worker, the primary's sum over every worker (server/cluster.ts). */
  metrics(): Promise<string> {
    return cluster.isWorker && process.send ? clusterMetrics(this.registry) : this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/** Asked of the primary, which collects every worker's registry (prom-client's AggregatorRegistry). */
export const METRICS_REQUEST = 'xinyuan:metrics';
export const METRICS_REPLY = 'xinyuan:metrics:reply';
let asked = 0;

function clusterMetrics(own: Registry): Promise<string> {
  const id = ++asked;
  return new Promise((resolve) => {
    const onMessage = (m: { type?: string; id?: number; text?: string }) => {
      if (m?.type !== METRICS_REPLY || m.id !== id) return;
      clearTimeout(timer);
      process.off('message', onMessage);
      resolve(m.text ?? own.metrics());
    };
    // A primary that can't answer (busy, or an older one): this worker's own figures rather than nothing.
    const timer = setTimeout(() => {
      process.off('message', onMessage);
      resolve(own.metrics());
    }, 5_000);
    process.on('message', onMessage);
    process.send!({ type: METRICS_REQUEST, id });
  });
}

const FUNCTION_NAMES = new Set(Object.keys(ActionSchemas));

/** A label value from client input only when it names a real function or action: a client can't grow the label set. */
export function labelsOf(fn: string | undefined, action: unknown): { function: string; action: string } {
  if (fn === undefined) return { function: '-', action: '-' };
  if (!FUNCTION_NAMES.has(fn)) return { function: 'unknown', action: '-' };
  const actions = ActionSchemas[fn as keyof typeof ActionSchemas];
  const known = typeof action === 'string' && Object.prototype.hasOwnProperty.call(actions, action);
  return { function: fn, action: known ? action : 'unknown' };
}

/** A request id from the proxy in front is kept (one id across both logs) if it looks like one; else ours. */
export const REQUEST_ID = /^[\w.:-]{8,64}$/;
