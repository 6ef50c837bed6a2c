// Routes one command: session and transaction bookkeeping, the synchronous handler, then the journal
// flush the reply must wait for.
import { Binary } from 'bson';
import { createHash } from 'node:crypto';
import { Codes, DbError, toDbError } from '../errors';
import { Doc } from '../index/values';
import { LiveView, SnapshotView } from '../query/view';
import { ClusterClock } from '../txn/clusterTime';
import { Engine, LogRecord } from '../storage/engine';
import { Transaction } from '../txn/transaction';
import { DirectWriter } from '../txn/writer';
import { asBuffer, commandName, Reply, REPLY_TAIL } from '../wire/messages';
import { adminCommands } from './admin';
import { CommandContext, Handler, ServerInfo } from './context';
import { CursorStore } from './cursors';
import { FailAction, FailPoints, serverErrorLabels } from './failPoints';
import { handshakeCommands } from './handshake';
import { indexCommands } from './indexes';
import { readCommands } from './read';
import { statsCommands } from './stats';
import { collectionOnly } from './views';
import { writeCommands } from './write';

/** Commands a view refuses (CommandNotSupportedOnView): it is read-only and has no indexes. */
const COLLECTION_ONLY = ['insert', 'update', 'delete', 'findAndModify', 'findandmodify', 'createIndexes', 'dropIndexes', 'listIndexes'];

const handlers: Record<string, Handler> = {
  ...handshakeCommands,
  ...adminCommands,
  ...statsCommands,
  ...indexCommands,
  ...readCommands,
  ...writeCommands,
};
for (const name of COLLECTION_ONLY) handlers[name] = collectionOnly(name, handlers[name]);
handlers.listCommands = () => ({
  commands: Object.fromEntries(Object.keys(handlers).sort().map((name) => [name, { help: '', requiresAuth: false, secondaryOk: true, adminOnly: false }])),
  ok: 1,
});

const RETRYABLE = new Set(['insert', 'update', 'delete', 'findAndModify', 'findandmodify']);
/** Commands that may read at a snapshot outside a transaction (readConcern level "snapshot"). */
const SNAPSHOT_READS = new Set(['find', 'aggregate', 'distinct', 'getMore']);
const SESSION_IDLE_MS = 30 * 60 * 1000;
const TXN_LIFETIME_MS = 60 * 1000;

interface Session {
  txn: Transaction | null;
  retry: { txnNumber: number; reply: Doc } | null;
  lastUse: number;
  /** A snapshot session holds history from its first read's cluster time until it ends. */
  pinned: boolean;
}

/** Where acknowledged writes go before the reply: a journal, or nowhere in memory mode. */
export interface Durability {
  commit(records: LogRecord[]): Promise<void> | null;
}

/** sha256 of the empty user name: the uid of every session on a server without authentication. */
const NO_USER = createHash('sha256').update('').digest();

/**
 * Collation is not implemented: a command asking for one (other than the binary "simple") is refused,
 * as mongod refuses a locale it does not know, rather than answering with binary comparisons.
 */
function refuseCollation(cmd: Doc): void {
  refuseStatementCollation(cmd);
  // Loops rather than one spread list: this runs for every command, and most carry none of these arrays.
  for (const field of ['updates', 'deletes', 'indexes']) {
    const statements = cmd[field];
    if (Array.isArray(statements)) for (const s of statements) refuseStatementCollation(s);
  }
}

function refuseStatementCollation(s: Doc | undefined): void {
  const c = s?.collation;
  if (c === undefined || (c && c.locale === 'simple')) return;
  throw new DbError(Codes.BadValue, `collation ${JSON.stringify(c)} is not supported by the embedded server (only {locale: "simple"})`);
}

function unsatisfiableWriteConcern(wc: Doc | undefined): Doc | null {
  const w = wc?.w;
  if (typeof w === 'number' && w > 1) return { code: Codes.UnsatisfiableWriteConcern, codeName: 'UnsatisfiableWriteConcern', errmsg: 'Not enough data-bearing nodes' };
  if (typeof w === 'string' && w !== 'majority') return { code: Codes.UnknownReplWriteConcern, codeName: 'UnknownReplWriteConcern', errmsg: `No write concern mode named '${w}' found in replica set configuration` };
  return null;
}

/** XY_DB_TRACE=1 prints one line per command on stderr (profiling round trips). */
const TRACE = !!process.env.XY_DB_TRACE;

export class Dispatcher {
  readonly cursors = new CursorStore();
  readonly failPoints = new FailPoints();
  /** appName each connection gave in its handshake: failCommand can be aimed at one client. */
  private readonly appNames = new Map<number, string>();
  private readonly sessions = new Map<string, Session>();
  private readonly live: LiveView;
  readonly clock: ClusterClock;

  constructor(readonly engine: Engine, readonly info: ServerInfo, private readonly durability: Durability) {
    this.live = new LiveView(engine);
    this.clock = new ClusterClock(engine);
  }

  isCurrentTopology(tv: Doc): boolean {
    return !!tv?.processId && String(tv.processId) === String(this.info.processId) && Number(tv.counter) === 0;
  }

  /** Whether the command trips a configured fail point; the connection applies delay and disconnect. */
  failAction(cmd: Doc, connectionId: number): FailAction | null {
    return this.failPoints.check(cmd, this.appNames.get(connectionId));
  }

  /** serverStatus.opcounters: documents inserted, update/delete statements, finds, getMores, the rest. */
  private count(name: string, cmd: Doc): void {
    const ops = this.info.metrics.opcounters;
    if (name === 'insert') ops.insert += Array.isArray(cmd.documents) ? cmd.documents.length : 0;
    else if (name === 'update') ops.update += Array.isArray(cmd.updates) ? cmd.updates.length : 0;
    else if (name === 'delete') ops.delete += Array.isArray(cmd.deletes) ? cmd.deletes.length : 0;
    else if (name === 'find') ops.query++;
    else if (name === 'getMore') ops.getmore++;
    else ops.command++;
  }

  connectionClosed(connectionId: number): void {
    this.appNames.delete(connectionId);
  }

  /**
   * Never throws: errors come back as MongoDB error documents. The reply is returned as it is unless the
   * command wrote to a journal, whose flush it must wait for: no promise for the commands that need none.
   */
  run(cmd: Doc, db: string, connectionId: number, fail: FailAction | null = null): Reply | Promise<Reply> {
    const name = commandName(cmd);
    if (TRACE) process.stderr.write(`dbtrace ${connectionId} ${name} ${String(Object.values(cmd)[0])}\n`);
    this.count(name, cmd);
    const appName = cmd.client?.application?.name;
    if (typeof appName === 'string') this.appNames.set(connectionId, appName);
    if (fail?.error) return this.withClusterTime(fail.error.toReply());
    // Records are journaled even when the command fails part-way: what changed in memory must be durable.
    const log: LogRecord[] = [];
    let reply: Doc;
    try {
      reply = this.execute(name, cmd, db, connectionId, log);
    } catch (e) {
      reply = toDbError(e).toReply();
    }
    // A one-node set cannot acknowledge w > 1 or a tag set: the write happened, its write concern fails.
    const statement = cmd.autocommit !== undefined && name !== 'commitTransaction' && name !== 'abortTransaction';
    const unsatisfiable = reply.ok && !reply.writeConcernError && !statement ? unsatisfiableWriteConcern(cmd.writeConcern) : null;
    if (unsatisfiable) reply = { ...reply, writeConcernError: unsatisfiable };
    // After execute, so a retried write replays the first reply without the injected error.
    if (fail?.writeConcernError && reply.ok) {
      const wce = fail.writeConcernError;
      const labels = fail.labels ?? serverErrorLabels(cmd, null, Number(wce.code));
      reply = { ...reply, writeConcernError: wce, ...(labels.length ? { errorLabels: labels } : {}) };
    }
    const flushed = log.length ? this.durability.commit(log) : null;
    if (flushed) {
      // The cluster time is the one when the reply goes, after the flush.
      const durable = reply;
      return flushed.then(
        () => this.withClusterTime(durable),
        (e: Error) => new DbError(Codes.InternalError, `journal write failed: ${e.message}`).toReply(),
      );
    }
    return this.withClusterTime(reply);
  }

  /** Every reply gossips the cluster time and says when it happened, as a replica-set member does. */
  private withClusterTime(reply: Reply): Reply {
    reply[REPLY_TAIL] = this.clock.replyTail(); // operationTime and $clusterTime, last, as bytes kept per tick
    return reply;
  }

  /** Made once, not per command: every command's context carries it. */
  private readonly listSessions = (): Doc[] => this.localSessions();

  private localSessions(): Doc[] {
    return [...this.sessions].map(([key, s]) => ({
      _id: { id: new Binary(Buffer.from(key, 'hex'), Binary.SUBTYPE_UUID), uid: new Binary(NO_USER) },
      lastUse: new Date(s.lastUse),
    }));
  }

  /** Ends a session: its transaction aborted, its cursors closed, its snapshot history released. */
  private endSession(key: string): void {
    const s = this.sessions.get(key);
    if (!s) return;
    s.txn?.abort();
    if (s.pinned) this.engine.closeSnapshot(s);
    this.sessions.delete(key);
    this.cursors.killSession(key);
  }

  private execute(name: string, cmd: Doc, db: string, connectionId: number, log: LogRecord[]): Doc {
    const lsidKey = cmd.lsid?.id?.buffer ? asBuffer(cmd.lsid.id.buffer).toString('hex') : null; // hex of the bytes, not copied first
    const session = lsidKey ? this.session(lsidKey) : null;
    const txnNumber = cmd.txnNumber !== undefined ? Number(cmd.txnNumber) : null;
    if (name === 'configureFailPoint') return this.failPoints.configure(cmd);
    if (name === 'killAllSessions') {
      for (const key of [...this.sessions.keys()]) this.endSession(key);
      return { ok: 1 };
    }
    if (name === 'endSessions' || name === 'killSessions') {
      for (const s of cmd[name] ?? []) {
        const key = s?.id?.buffer ? Buffer.from(s.id.buffer).toString('hex') : null;
        if (key) this.endSession(key);
      }
      return { ok: 1 };
    }

    if (cmd.autocommit === false) {
      if (!session || txnNumber === null) throw new DbError(Codes.InvalidOptions, 'autocommit:false requires a session and txnNumber');
      return this.inTransaction(name, cmd, db, connectionId, session, lsidKey!, txnNumber, log);
    }
    if (name === 'commitTransaction' || name === 'abortTransaction') {
      throw new DbError(Codes.InvalidOptions, `${name} must be run within a transaction`);
    }

    const handler = handlers[name];
    if (!handler) throw new DbError(Codes.CommandNotFound, `no such command: '${name}'`);
    refuseCollation(cmd);
    // A retried write (same session and txnNumber) gets the first attempt's reply instead of running twice.
    if (session && txnNumber !== null && RETRYABLE.has(name)) {
      if (session.retry && session.retry.txnNumber === txnNumber) return session.retry.reply;
      if (session.txn?.state === 'active') session.txn.abort();
    }
    const snapshotAt = cmd.readConcern?.level === 'snapshot' ? this.snapshotRead(name, cmd, session) : null;
    const ctx: CommandContext = {
      engine: this.engine,
      info: this.info,
      cursors: this.cursors,
      db,
      view: snapshotAt === null ? this.live : new SnapshotView(this.engine, snapshotAt, new Map()),
      writer: new DirectWriter(this.engine, log),
      txn: null,
      log,
      connectionId,
      lsidKey,
      localSessions: this.listSessions,
    };
    const reply = handler(cmd, ctx);
    if (session && txnNumber !== null && RETRYABLE.has(name)) session.retry = { txnNumber, reply };
    if (snapshotAt !== null && name !== 'getMore') {
      // The driver reads the snapshot's time from here and sends it back as atClusterTime.
      const at = this.clock.at(snapshotAt);
      if (reply.cursor) reply.cursor.atClusterTime = at;
      else reply.atClusterTime = at;
    }
    return reply;
  }

  /** The clock a snapshot read (outside a transaction) reads at; the session keeps that history. */
  private snapshotRead(name: string, cmd: Doc, session: Session | null): number {
    if (!SNAPSHOT_READS.has(name)) {
      throw new DbError(Codes.InvalidOptions, `Command ${name} does not support { readConcern: { level: "snapshot" } } outside a multi-document transaction`);
    }
    const at = cmd.readConcern.atClusterTime !== undefined ? this.clock.toClock(cmd.readConcern.atClusterTime) : this.engine.clock;
    if (!this.engine.readableAt(at)) throw new DbError(Codes.SnapshotTooOld, `Read timestamp ${this.clock.at(at).toString()} is older than the oldest available timestamp.`);
    if (session) {
      this.engine.openSnapshot(session, at);
      session.pinned = true;
    }
    return at;
  }

  private inTransaction(name: string, cmd: Doc, db: string, connectionId: number, session: Session, lsidKey: string, txnNumber: number, log: LogRecord[]): Doc {
    if (cmd.startTransaction) {
      if (session.txn && session.txn.txnNumber >= txnNumber && session.txn.state !== 'aborted') {
        throw new DbError(Codes.BadValue, `Transaction ${txnNumber} has already been started`);
      }
      session.txn?.abort();
      session.txn = new Transaction(this.engine, txnNumber);
    }
    const txn = session.txn;
    const noSuch = (why: string) => new DbError(Codes.NoSuchTransaction, why, {}, ['TransientTransactionError']);
    if (!txn || txn.txnNumber !== txnNumber) throw noSuch(`Given transaction number ${txnNumber} does not match any in-progress transactions.`);

    if (name === 'commitTransaction') {
      if (txn.state === 'committed') return { ok: 1 };
      if (txn.state === 'aborted') throw noSuch(`Transaction ${txnNumber} has been aborted.`);
      log.push(...txn.commit());
      return { ok: 1 };
    }
    if (name === 'abortTransaction') {
      if (txn.state === 'committed') throw new DbError(Codes.TransactionCommitted, 'Transaction has been committed.');
      if (txn.state === 'aborted') throw noSuch(`Transaction ${txnNumber} has been aborted.`);
      txn.abort();
      return { ok: 1 };
    }
    if (txn.state === 'committed') throw new DbError(Codes.TransactionCommitted, `Transaction ${txnNumber} has been committed.`);
    // MongoDB 7.0 refuses count in a transaction (countDocuments, an aggregation, is the way).
    if (name === 'count') throw new DbError(Codes.OperationNotSupportedInTransaction, "Cannot run 'count' in a multi-document transaction. Please see http://dochub.mongodb.org/core/transaction-count for a recommended alternative.");
    if (txn.state === 'aborted') {
      const reason = txn.abortReason;
      if (reason && reason.code === Codes.WriteConflict) throw reason;
      throw noSuch(`Transaction ${txnNumber} has been aborted.`);
    }
    const handler = handlers[name];
    if (!handler) throw new DbError(Codes.CommandNotFound, `no such command: '${name}'`);
    refuseCollation(cmd);
    const ctx: CommandContext = {
      engine: this.engine,
      info: this.info,
      cursors: this.cursors,
      db,
      view: txn.view,
      writer: txn,
      txn,
      log,
      connectionId,
      lsidKey,
      localSessions: this.listSessions,
    };
    try {
      return handler(cmd, ctx);
    } catch (e) {
      // MongoDB aborts the whole transaction when one of its operations fails.
      const err = toDbError(e);
      txn.abortFor(err);
      throw err;
    }
  }

  private session(key: string): Session {
    let s = this.sessions.get(key);
    if (!s) this.sessions.set(key, (s = { txn: null, retry: null, lastUse: Date.now(), pinned: false }));
    s.lastUse = Date.now();
    return s;
  }

  /** Periodic housekeeping: idle sessions, expired transactions, idle cursors. */
  sweep(now = Date.now()): void {
    for (const [k, s] of this.sessions) {
      if (s.txn?.state === 'active' && now - s.txn.startedAt > TXN_LIFETIME_MS) {
        s.txn.abortFor(new DbError(Codes.NoSuchTransaction, 'Transaction aborted: exceeded transactionLifetimeLimitSeconds', {}, ['TransientTransactionError']));
      }
      if (now - s.lastUse > SESSION_IDLE_MS) this.endSession(k);
    }
    this.cursors.sweep(now);
  }

  abortAll(): void {
    for (const s of this.sessions.values()) s.txn?.abort();
  }
}
