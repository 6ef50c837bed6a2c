// Handshake and server-level commands: the driver must see a healthy one-node replica set primary.
import { Long, Timestamp } from 'bson';
import { Doc } from '../index/values';
import { MAX_BSON_OBJECT_SIZE, MAX_MESSAGE_SIZE, MAX_WRITE_BATCH_SIZE } from '../wire/messages';
import { CommandContext, Handler } from './context';

const SERVER_VERSION = '7.0.0';
// Wire version 21 = MongoDB 7.0; driver 7 needs ≥ 9 and speaks up to 29.
const MAX_WIRE_VERSION = 21;
const MIN_WIRE_VERSION = 0;
const SESSION_TIMEOUT_MINUTES = 30;

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

export const handshakeCommands: Record<string, Handler> = {
  hello: helloReply,
  isMaster: helloReply,
  ismaster: helloReply,
  ping: () => ({ ok: 1 }),
  buildInfo,
  buildinfo: buildInfo,
  whatsmyuri: (_c, ctx) => ({ you: `127.0.0.1:${ctx.connectionId}`, ok: 1 }),
  getParameter: (cmd) => ({ ...(cmd.featureCompatibilityVersion ? { featureCompatibilityVersion: { version: '7.0' } } : {}), ok: 1 }),
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
  serverStatus: (_c, ctx) => ({
    host: selfName(ctx.info),
    version: SERVER_VERSION,
    process: 'embedded-mongo',
    pid: Long.fromNumber(process.pid),
    uptime: (Date.now() - ctx.info.startedAt.getTime()) / 1000,
    localTime: new Date(),
    connections: { current: 0 },
    metrics: { cursor: { open: { total: ctx.cursors.size } } },
    ok: 1,
  }),
};

/** host:port, or the socket path when listening on a Unix socket (how MongoDB names a socket host). */
function selfName(info: { host: string; port: number }): string {
  return info.port ? `${info.host}:${info.port}` : info.host;
}
