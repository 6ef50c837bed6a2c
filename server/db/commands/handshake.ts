// Handshake and server-level commands: the driver must see a healthy one-node replica set primary.
import { Long, Timestamp } from 'bson';
import { readFileSync } from 'node:fs';
import { Doc } from '../index/values';
import { MAX_BSON_OBJECT_SIZE, MAX_MESSAGE_SIZE, MAX_WRITE_BATCH_SIZE } from '../wire/messages';
import { CommandContext, Handler } from './context';

const SERVER_VERSION = '7.0.0';
// Wire version 21 = MongoDB 7.0; driver 7 needs ≥ 9 and speaks up to 29.
const MAX_WIRE_VERSION = 21;
const MIN_WIRE_VERSION = 0;
const SESSION_TIMEOUT_MINUTES = 30;
/** What serverStatus reports as the ceiling (mongod's default maxIncomingConnections). */
const MAX_CONNECTIONS = 1_000_000;

function helloReply(cmd: Doc, ctx: CommandContext): Doc {
  const me = selfName(ctx.info);
  const now = new Date();
  const opTime = { ts: Timestamp.fromBits(0, Math.floor(now.getTime() / 1000)), t: Long.fromNumber(1) };
  const legacy = !('hello' in cmd);
  return {
    ...(cmd.helloOk ? { helloOk: true } : {}),
    topologyVersion: { processId: ctx.info.processId, counter: Long.fromNumber(0) },
    hosts: [me],
    setName: ctx.info.setName,
    setVersion: 1,
    ...(legacy ? { ismaster: true } : { isWritablePrimary: true }),
    secondary: false,
    primary: me,
    me,
    electionId: ctx.info.electionId,
    lastWrite: { opTime, lastWriteDate: now, majorityOpTime: opTime, majorityWriteDate: now },
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_SIZE,
    maxWriteBatchSize: MAX_WRITE_BATCH_SIZE,
    localTime: now,
    logicalSessionTimeoutMinutes: SESSION_TIMEOUT_MINUTES,
    connectionId: ctx.connectionId,
    minWireVersion: MIN_WIRE_VERSION,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    ok: 1,
  };
}

const buildInfo: Handler = () => ({
  version: SERVER_VERSION,
  gitVersion: 'embedded',
  versionArray: SERVER_VERSION.split('.').map(Number).concat(0),
  bits: 64,
  debug: false,
  maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
  storageEngines: ['embedded'],
  javascriptEngine: 'none',
  modules: [],
  openssl: { running: 'disabled' },
  ok: 1,
});

const MB = 1024 * 1024;

/** The process's virtual size where Linux tells it (/proc/self/statm, in pages), else 0 (resident is used). */
function virtualBytes(): number {
  try {
    return Number(readFileSync('/proc/self/statm', 'utf8').split(' ')[0]) * 4096;
  } catch {
    return 0;
  }
}

/** What monitoring tools and mongosh's db.serverStatus() read: uptime, connections, counters, memory, network. */
const serverStatus: Handler = (_cmd, ctx) => {
  const { info } = ctx;
  const uptimeMillis = Date.now() - info.startedAt.getTime();
  const traffic = info.metrics.traffic();
  const mem = process.memoryUsage();
  const me = selfName(info);
  return {
    host: me,
    version: SERVER_VERSION,
    process: 'embedded-mongo',
    pid: Long.fromNumber(process.pid),
    uptime: Math.floor(uptimeMillis / 1000),
    uptimeMillis: Long.fromNumber(uptimeMillis),
    uptimeEstimate: Long.fromNumber(Math.floor(uptimeMillis / 1000)),
    localTime: new Date(),
    asserts: { regular: 0, warning: 0, msg: 0, user: 0, rollovers: 0 },
    connections: { current: traffic.current, available: MAX_CONNECTIONS - traffic.current, totalCreated: traffic.totalCreated, active: traffic.current },
    opcounters: { ...info.metrics.opcounters },
    mem: { bits: 64, resident: Math.round(mem.rss / MB), virtual: Math.round(Math.max(mem.rss, virtualBytes()) / MB), supported: true },
    network: { bytesIn: Long.fromNumber(traffic.bytesIn), bytesOut: Long.fromNumber(traffic.bytesOut), numRequests: Long.fromNumber(Object.values(info.metrics.opcounters).reduce((a, b) => a + b, 0)) },
    repl: { setName: info.setName, setVersion: 1, isWritablePrimary: true, secondary: false, hosts: [me], primary: me, me },
    storageEngine: { name: 'embedded', supportsCommittedReads: true, readOnly: false },
    metrics: { cursor: { open: { total: ctx.cursors.size } } },
    ok: 1,
  };
};

export const handshakeCommands: Record<string, Handler> = {
  hello: helloReply,
  isMaster: helloReply,
  ismaster: helloReply,
  ping: () => ({ ok: 1 }),
  buildInfo,
  buildinfo: buildInfo,
  whatsmyuri: (_c, ctx) => ({ you: `127.0.0.1:${ctx.connectionId}`, ok: 1 }),
  getParameter: (cmd) => ({
    ...(cmd.featureCompatibilityVersion ? { featureCompatibilityVersion: { version: '7.0' } } : {}),
    ...(cmd.logComponentVerbosity ? { logComponentVerbosity: { verbosity: 0 } } : {}),
    ok: 1,
  }),
  getCmdLineOpts: () => ({ argv: ['embedded-mongo'], parsed: {}, ok: 1 }),
  hostInfo: () => ({ system: { currentTime: new Date(), hostname: 'localhost' }, os: { type: process.platform }, extra: {}, ok: 1 }),
  connectionStatus: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: 1 }),
  getLog: () => ({ totalLinesWritten: 0, log: [], ok: 1 }),
  getFreeMonitoringStatus: () => ({ state: 'disabled', ok: 1 }),
  replSetGetStatus: (_c, ctx) => ({
    set: ctx.info.setName,
    date: new Date(),
    myState: 1,
    members: [{ _id: 0, name: selfName(ctx.info), health: 1, state: 1, stateStr: 'PRIMARY', self: true }],
    ok: 1,
  }),
  serverStatus,
};

/** host:port, or the socket path when listening on a Unix socket (how MongoDB names a socket host). */
function selfName(info: { host: string; port: number }): string {
  return info.port ? `${info.host}:${info.port}` : info.host;
}
