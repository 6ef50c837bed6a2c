import { MongoError, type ClientSession, type Collection, type Document, type MongoClient } from 'mongodb';

/**
 * Where each collection method the repositories call takes its options: the session goes there. A method not
 * listed (index builds, estimated counts) is not allowed in a transaction and runs outside it, as before.
 */
const OPTIONS_AT: Record<string, number> = {
  insertOne: 1,
  insertMany: 1,
  bulkWrite: 1,
  findOne: 1,
  find: 1,
  aggregate: 1,
  countDocuments: 1,
  deleteOne: 1,
  deleteMany: 1,
  findOneAndDelete: 1,
  updateOne: 2,
  updateMany: 2,
  replaceOne: 2,
  findOneAndUpdate: 2,
  findOneAndReplace: 2,
  distinct: 2,
};

/** Cursor methods that talk to the server (the others only shape the query and return the cursor itself). */
const CURSOR_CALLS = new Set(['toArray', 'next', 'tryNext', 'hasNext', 'forEach', 'close']);

/**
 * An operation started by a transaction's work after that attempt was over: the work went on after it had failed or
 * returned (a branch of a `Promise.all` another branch had failed, a write nobody awaited). Refused rather than sent:
 * the session is by then in the next attempt's transaction, or ended.
 */
export class AttemptOverError extends Error {
  constructor() {
    super('a transaction operation was started after its attempt ended (an operation the work did not await)');
    this.name = 'AttemptOverError';
  }
}

/**
 * One attempt of a transaction: its session, and every operation the work starts in it, run one at a time in the
 * order they were called. The driver's operations in one transaction are not meant to overlap (two sent at once
 * at its start could each arrive first), and the runner must know when the last one has settled: it aborts,
 * commits, retries or ends the session only then, so no operation of an attempt can reach the next attempt's
 * transaction or an ended session (MongoExpiredSessionError). Once the attempt is over, nothing more starts.
 */
export class Attempt {
  private tail: Promise<unknown> = Promise.resolve();
  private over = false;
  constructor(readonly session: ClientSession) {}

  run<T>(op: () => Promise<T>): Promise<T> {
    if (this.over) return Promise.reject(new AttemptOverError());
    const result = this.tail.then(() => {
      if (this.over) throw new AttemptOverError();
      return op();
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Nothing starts from now on; resolves once every operation already started has settled. */
  async end(): Promise<void> {
    this.over = true;
    await this.tail;
  }
}

/** A cursor whose server calls run in the attempt (and not after it); `sort`, `limit`… return this same wrapper. */
function cursorIn<C extends object>(cursor: C, attempt: Attempt): C {
  const wrapped: C = new Proxy(cursor, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      const call = value as (...a: unknown[]) => unknown;
      if (typeof prop === 'string' && CURSOR_CALLS.has(prop)) return (...args: unknown[]) => attempt.run(() => call.apply(target, args) as Promise<unknown>);
      return (...args: unknown[]) => {
        const r = call.apply(target, args);
        return r === target ? wrapped : r;
      };
    },
  });
  return wrapped;
}

/**
 * The same collection with every call in the attempt's session (and run by the attempt, one at a time). The driver
 * has no ambient session, and threading one through every repository method would put a transaction parameter on
 * each of them; the repositories stay as they are and are built over these handles instead.
 */
export function inSession<T extends Document>(coll: Collection<T>, attempt: Attempt): Collection<T> {
  const { session } = attempt;
  return new Proxy(coll, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      const at = typeof prop === 'string' && Object.prototype.hasOwnProperty.call(OPTIONS_AT, prop) ? OPTIONS_AT[prop] : undefined;
      if (at === undefined) return value.bind(target);
      return (...args: unknown[]) => {
        const withSession = args.slice(0, at);
        while (withSession.length < at) withSession.push(undefined);
        withSession.push({ ...(args[at] as object | undefined), session });
        const call = () => (value as (...a: unknown[]) => unknown).apply(target, withSession);
        // find and aggregate build a cursor (no round trip yet): its server calls are the operations.
        if (prop === 'find' || prop === 'aggregate') return cursorIn(call() as object, attempt);
        return attempt.run(call as () => Promise<unknown>);
      };
    },
  });
}

const MAX_ATTEMPTS = 30;
const COMMIT_ATTEMPTS = 4;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Jittered and growing: writers that collided on one wish spread out instead of colliding again at once. */
const backoff = (attempt: number) => sleep(Math.random() * Math.min(2 ** attempt * 4, 250));

function hasLabel(err: unknown, label: string): boolean {
  return err instanceof MongoError && err.hasErrorLabel(label);
}

/** A conflict or a lost connection the whole transaction can simply be run again after. */
export function isTransient(err: unknown): boolean {
  return hasLabel(err, 'TransientTransactionError');
}

export interface TransactionOptions {
  /**
   * Run before each attempt after the first, outside any transaction: a cheap read that can settle the outcome
   * without one (it throws the refusal), so that work the others have made pointless stops retrying at once.
   */
  beforeRetry?: () => Promise<void>;
}

/**
 * Runs `work` in a transaction and commits it, running it again after a transient error (a write conflict, a
 * connection lost before the commit) up to a bound. The driver's withTransaction retries for two minutes without a
 * pause; writers racing for one wish then spin. A commit whose outcome the network lost is asked again (MongoDB
 * answers a repeated commit with its first outcome). Each attempt's operations have all settled before it is
 * aborted or committed and before the session ends (`Attempt`).
 */
export async function runTransaction<T>(client: MongoClient, work: (attempt: Attempt) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  const session = client.startSession();
  try {
    for (let attempt = 1; ; attempt++) {
      if (attempt > 1) await options.beforeRetry?.();
      session.startTransaction({ readConcern: { level: 'snapshot' }, writeConcern: { w: 'majority' } });
      const running = new Attempt(session);
      let result: T;
      try {
        result = await work(running);
      } catch (err) {
        await running.end();
        await session.abortTransaction().catch(() => undefined);
        if (isTransient(err) && attempt < MAX_ATTEMPTS) {
          await backoff(attempt);
          continue;
        }
        throw err;
      }
      await running.end();
      try {
        await commit(session);
        return result;
      } catch (err) {
        if (isTransient(err) && attempt < MAX_ATTEMPTS) {
          await backoff(attempt);
          continue;
        }
        throw err;
      }
    }
  } finally {
    await session.endSession().catch(() => undefined);
  }
}

async function commit(session: ClientSession): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await session.commitTransaction();
      return;
    } catch (err) {
      if (!hasLabel(err, 'UnknownTransactionCommitResult') || attempt >= COMMIT_ATTEMPTS) throw err;
      await backoff(attempt + 2);
    }
  }
}
