import { randomUUID } from 'node:crypto';
import { AppError, failure, success, type Envelope } from '@shared';
import { isDuplicateKey, type RequestDoc } from '../store/requests';
import { isTransient } from '../store/session';
import type { Runtime } from '../runtime/types';

/**
 * How long a run holds its requestId without a heartbeat. A live run renews it every `HEARTBEAT_MS`, however long
 * its work takes; a process that died stops renewing, and a retry takes the key over once this has passed. Wall
 * time, not `rt.now()`: it measures whether a process is alive, not the product's clock.
 */
export const LEASE_MS = 4_000;
const HEARTBEAT_MS = 1_000;
/** A twin waits longer than a lease: a retry after a crash then always gets through in one call; past it, 503. */
export const WAIT_MS = LEASE_MS + 1_500;
const POLL_MS = 50;

/** The stored reply, as the first attempt's client received it. */
function replyOf(done: RequestDoc): Envelope<unknown> {
  return (done.replyJson !== undefined ? JSON.parse(done.replyJson) : done.reply) as Envelope<unknown>;
}

/** A refusal: nothing may stay written, so the transaction is undone and the refusal recorded after it. */
class Refused {
  constructor(readonly reply: Envelope<unknown>) {}
}

/**
 * Same requestId from the same caller → one effect, the same reply, also across a crash.
 *
 * - The reply is recorded in the transaction of the write itself (`requests.markDone`): a write that committed is
 *   found by its key and answered with its reply; one that did not left nothing and runs again.
 * - A run holds the key by a lease its heartbeat keeps ahead; a twin waits for the first reply meanwhile. When the
 *   process running it dies, the lease runs out within `LEASE_MS` and a retry takes the key over.
 * - A run taken for dead that was only slow cannot write twice either: the first reply recorded wins and the other
 *   transaction fails on it (duplicate key or write conflict), taking its effect with it.
 */
export async function once(rt: Runtime, key: string, work: (rt: Runtime) => Promise<unknown>, how: RunOptions = {}): Promise<Envelope<unknown>> {
  const { refuseEarly } = how;
  const { requests } = rt.repos;
  const owner = randomUUID();
  const deadline = Date.now() + WAIT_MS;
  for (let first = true; ; first = false) {
    const done = await requests.findDone(key);
    if (done) return replyOf(done);
    // Refused from what is committed, before holding the key or starting a transaction: a twin that ran meanwhile
    // and recorded its reply first is still the answer (`refuse`).
    const early = first && refuseEarly ? await refusalOf(refuseEarly) : undefined;
    if (early) return refuse(rt, key, early.reply);
    if (await requests.claimRun(key, owner, new Date(), LEASE_MS)) return settle(rt, key, owner, work, how);
    // Its outcome is not known yet: 503, which the client retries with the same requestId (a 409 it would take as final).
    if (Date.now() >= deadline) throw new AppError('UNAVAILABLE', '相同的请求正在处理中，请稍后再试');
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** How a write's run may be spared work (routing/action: `refuseEarly`, `turnsOn`). */
export interface RunOptions {
  /** Throws the refusal the work would give, read from what is committed (outside any transaction). */
  refuseEarly?: () => Promise<void>;
  /** Runs of one key take turns in this process (see `turns`). */
  turn?: string;
  /** What is recorded for a retry, when not the reply itself (a secret shown once: action.ts `replayed`). */
  kept?: (reply: Envelope<unknown>) => Envelope<unknown>;
}

/**
 * Transactions that would all write one document (two hundred claims on one wish) take turns, per process: each
 * commit would otherwise fail every other one in flight, and their retries crowd out the one that could commit
 * (200 at once kept a 2-core machine busy for tens of seconds and past the gateway's deadline). In turn, each asks
 * `refuseEarly` first, so once the places are gone the rest are refused by one read each. Other processes' runs
 * still meet in the database, where the transaction's conflict decides.
 */
const turnsByScope = new WeakMap<object, Map<string, Promise<void>>>();

async function inTurn<T>(scope: object, turn: string | undefined, work: () => Promise<T>): Promise<T> {
  if (turn === undefined) return work();
  let tails = turnsByScope.get(scope);
  if (!tails) turnsByScope.set(scope, (tails = new Map()));
  const before = tails.get(turn) ?? Promise.resolve();
  let release!: () => void;
  const finished = new Promise<void>((resolve) => (release = resolve));
  const mine = before.then(() => finished);
  tails.set(turn, mine);
  await before;
  try {
    return await work();
  } finally {
    release();
    if (tails.get(turn) === mine) tails.delete(turn);
  }
}

/** The refusal `refuseEarly` gives, if it gives one (any other failure is the run's to meet). */
async function refusalOf(refuseEarly: () => Promise<void>): Promise<Refused | undefined> {
  try {
    await refuseEarly();
    return undefined;
  } catch (err) {
    if (err instanceof AppError) return new Refused(failure(err));
    throw err;
  }
}

/** Runs the work under a claimed key, keeps the lease alive meanwhile, and records its reply. */
async function settle(rt: Runtime, key: string, owner: string, work: (rt: Runtime) => Promise<unknown>, { refuseEarly, turn, kept = (reply) => reply }: RunOptions): Promise<Envelope<unknown>> {
  const { requests } = rt.repos;
  let renewing: Promise<unknown> = Promise.resolve();
  const heartbeat = setInterval(() => {
    renewing = requests.renewRun(key, owner, new Date(), LEASE_MS).catch(() => undefined);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  try {
    // A retry after a conflict, or a turn that came after others took every place, asks the committed state first:
    // refused there, without another transaction.
    const askFirst = refuseEarly && (async () => {
      const early = await refusalOf(refuseEarly);
      if (early) throw early;
    });
    return await inTurn(rt.repos.scope, turn, async () => {
      if (turn !== undefined) await askFirst?.();
      return rt.repos.inTransaction(async (repos) => {
        // A twin taken for dead may have committed meanwhile: its reply, not a second effect.
        const prior = await repos.requests.findDone(key);
        if (prior) return replyOf(prior);
        let reply: Envelope<unknown>;
        try {
          reply = success(await work({ ...rt, repos }));
        } catch (err) {
          if (isTransient(err)) throw err;
          if (err instanceof AppError) throw new Refused(failure(err));
          throw err;
        }
        await repos.requests.markDone(key, JSON.stringify(kept(reply)), rt.now());
        return reply;
      }, { beforeRetry: askFirst });
    });
  } catch (err) {
    if (err instanceof Refused) return refuse(rt, key, err.reply);
    if (isDuplicateKey(err)) {
      // The other run recorded first: that is the one answer.
      const done = await requests.findDone(key);
      if (done) return replyOf(done);
    }
    // Still conflicting after every retry (a transaction a killed process left open holds the wish until the
    // server ends it): not an answer either; the client keeps the requestId and tries again later.
    if (isTransient(err)) return failure(new AppError('UNAVAILABLE', '服务暂时繁忙，请稍后重试'));
    // An unexpected failure is not an answer and records none: a retry runs it again.
    console.error(`[${key.split(':')[0]}]`, err);
    return failure(err);
  } finally {
    clearInterval(heartbeat);
    await renewing;
    await requests.endRun(key, owner).catch(() => undefined);
  }
}

/** A refusal changed nothing; it is the answer all the same (a retry is told the same), unless a twin's came first. */
async function refuse(rt: Runtime, key: string, reply: Envelope<unknown>): Promise<Envelope<unknown>> {
  try {
    await rt.repos.requests.markDone(key, JSON.stringify(reply), rt.now());
    return reply;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const done = await rt.repos.requests.findDone(key);
    return done ? replyOf(done) : reply;
  }
}
