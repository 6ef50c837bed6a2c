// configureFailPoint with the `failCommand` fail point, as mongod has it for tests (enableTestCommands):
// chosen commands fail with a code and labels, get a writeConcernError, are delayed, or lose their
// connection. The product's tests inject faults this way, exactly as they would on a real server.
import { Codes, DbError } from '../errors';
import { Doc } from '../index/values';

/** What a command that trips the fail point must suffer, applied by the connection and the dispatcher. */
export interface FailAction {
  closeConnection: boolean;
  /** Run the command, then close the connection instead of replying (the write happened; the reply is lost). */
  closeAfter: boolean;
  blockMs: number;
  error: DbError | null;
  writeConcernError: Doc | null;
  /** `data.errorLabels` when given; otherwise the labels mongod itself would attach. */
  labels: string[] | null;
}

interface FailCommand {
  /** Activations left (Infinity for alwaysOn). */
  times: number;
  /** Matching commands to let through before the first activation. */
  skip: number;
  data: Doc;
}

// mongod's ErrorCategory::RetriableError: a retryable write (or commit/abort) failing with one of these
// carries RetryableWriteError, and a statement of a transaction carries TransientTransactionError.
const RETRIABLE = new Set([6, 7, 89, 91, 133, 134, 189, 202, 262, 9001, 10107, 11600, 11602, 13435, 13436]);
const TRANSIENT = new Set([Codes.WriteConflict, 24 /* LockTimeout */, 239 /* SnapshotTooOld */, 246 /* SnapshotUnavailable */, 267 /* PreparedTransactionInProgress */]);
const RETRYABLE_WRITES = new Set(['insert', 'update', 'delete', 'findAndModify', 'findandmodify']);

/** The labels mongod attaches to an error reply (or a writeConcernError) for this command. */
export function serverErrorLabels(cmd: Doc, code: number | null, wcCode: number | null): string[] {
  const name = Object.keys(cmd)[0];
  const commitOrAbort = name === 'commitTransaction' || name === 'abortTransaction';
  const labels: string[] = [];
  if (cmd.autocommit === false && code !== null) {
    const transient = TRANSIENT.has(code) || (commitOrAbort ? code === Codes.NoSuchTransaction && wcCode === null : RETRIABLE.has(code) || code === Codes.NoSuchTransaction);
    if (transient) labels.push('TransientTransactionError');
  }
  const retryableWrite = (cmd.txnNumber !== undefined && cmd.autocommit === undefined && RETRYABLE_WRITES.has(name)) || commitOrAbort;
  if (retryableWrite && ((code !== null && RETRIABLE.has(code)) || (wcCode !== null && RETRIABLE.has(wcCode)))) labels.push('RetryableWriteError');
  return labels;
}

const NAMES = ['failCommand', 'onPrimaryTransactionalWrite'] as const;
type FailPointName = (typeof NAMES)[number];

export class FailPoints {
  private readonly active = new Map<FailPointName, FailCommand>();

  /** The configureFailPoint command. */
  configure(cmd: Doc): Doc {
    const name = cmd.configureFailPoint as FailPointName;
    if (!NAMES.includes(name)) throw new DbError(Codes.BadValue, `Unknown fail point: ${String(name)}`);
    const mode = cmd.mode;
    const data: Doc = cmd.data ?? {};
    if (data.failCommands !== undefined && !Array.isArray(data.failCommands)) throw new DbError(Codes.TypeMismatch, "'failCommands' must be an array");
    let fp: FailCommand;
    if (mode === 'off') fp = { times: 0, skip: 0, data };
    else if (mode === 'alwaysOn') fp = { times: Infinity, skip: 0, data };
    else if (mode && typeof mode === 'object' && mode.times !== undefined) fp = { times: Number(mode.times), skip: 0, data };
    else if (mode && typeof mode === 'object' && mode.skip !== undefined) fp = { times: Infinity, skip: Number(mode.skip), data };
    else throw new DbError(Codes.BadValue, `Unsupported fail point mode: ${JSON.stringify(mode)}`);
    if (fp.times > 0) this.active.set(name, fp);
    else this.active.delete(name);
    return { count: 0, ok: 1 };
  }

  /** Whether this command, from a client with this appName, trips a fail point (consuming one activation). */
  check(cmd: Doc, appName: string | undefined): FailAction | null {
    if (!this.active.size) return null;
    const name = Object.keys(cmd)[0];
    if (name === 'configureFailPoint') return null;
    const command = this.active.get('failCommand');
    if (command && (command.data.failCommands ?? []).includes(name) && (command.data.appName === undefined || command.data.appName === appName) && this.fire('failCommand', command)) {
      return commandAction(cmd, command.data);
    }
    // onPrimaryTransactionalWrite: a retryable write loses its connection, after committing or (with
    // failBeforeCommitExceptionCode) without; the driver's retry must then find the recorded outcome.
    const write = this.active.get('onPrimaryTransactionalWrite');
    if (write && cmd.txnNumber !== undefined && cmd.autocommit === undefined && RETRYABLE_WRITES.has(name) && this.fire('onPrimaryTransactionalWrite', write)) {
      const close = write.data.closeConnection !== false;
      const code = write.data.failBeforeCommitExceptionCode;
      if (code === undefined) return { closeConnection: false, closeAfter: close, blockMs: 0, error: null, writeConcernError: null, labels: null };
      return { closeConnection: close, closeAfter: false, blockMs: 0, error: new DbError(Number(code), 'onPrimaryTransactionalWrite fail point'), writeConcernError: null, labels: null };
    }
    return null;
  }

  private fire(name: FailPointName, fp: FailCommand): boolean {
    if (fp.skip > 0) {
      fp.skip--;
      return false;
    }
    if (--fp.times <= 0) this.active.delete(name);
    return true;
  }
}

function commandAction(cmd: Doc, data: Doc): FailAction {
  const labels = Array.isArray(data.errorLabels) ? data.errorLabels.map(String) : null;
  const code = data.errorCode !== undefined ? Number(data.errorCode) : null;
  return {
    closeConnection: !!data.closeConnection,
    closeAfter: false,
    blockMs: data.blockConnection ? Number(data.blockTimeMS ?? 0) : 0,
    error: code !== null ? new DbError(code, "Failing command via 'failCommand' failpoint", data.errorExtraInfo ?? {}, labels ?? serverErrorLabels(cmd, code, null)) : null,
    writeConcernError: data.writeConcernError ?? null,
    labels,
  };
}
