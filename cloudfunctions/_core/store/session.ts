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

/**
 * The same collection with every call in `session`. The driver has no ambient session, and threading one through
 * every repository method would put a transaction parameter on each of them; the repositories stay as they are and
 * are built over these handles instead.
 */
export function inSession<T extends Document>(coll: Collection<T>, session: ClientSession): Collection<T> {
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
        return (value as (...a: unknown[]) => unknown).apply(target, withSession);
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

/**
 * Runs `work` in a transaction and commits it, running it again after a transient error (a write conflict, a
 * connection lost before the commit) up to a bound. The driver's withTransaction retries for two minutes without a
 * pause; writers racing for one wish then spin. A commit whose outcome the network lost is asked again (MongoDB
 * answers a repeated commit with its first outcome).
 */
export async function runTransaction<T>(client: MongoClient, work: (session: ClientSession) => Promise<T>): Promise<T> {
  const session = client.startSession();
  try {
    for (let attempt = 1; ; attempt++) {
      session.startTransaction({ readConcern: { level: 'snapshot' }, writeConcern: { w: 'majority' } });
      let result: T;
      try {
        result = await work(session);
      } catch (err) {
        await session.abortTransaction().catch(() => undefined);
        if (isTransient(err) && attempt < MAX_ATTEMPTS) {
          await backoff(attempt);
          continue;
        }
        throw err;
      }
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
