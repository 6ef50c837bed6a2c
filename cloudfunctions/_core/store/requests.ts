import { MongoServerError, type Collection } from 'mongodb';
import type { RequestDoc, RequestRunDoc } from './collections';

export type { RequestDoc, RequestRunDoc };

const DUPLICATE_KEY = 11000;

/**
 * Writes by requestId. Two records per key: the run (`request_runs`: who is running it, alive while its heartbeat
 * moves the lease) and the reply (`requests`: written in the same transaction as the write's effect, so the effect
 * and the record that it happened commit together or not at all).
 */
export class RequestRepository {
  constructor(
    private readonly coll: Collection<RequestDoc>,
    private readonly runs: Collection<RequestRunDoc>,
  ) {}

  /** The reply of a finished run (a running record from before runs had their own collection is not one). */
  findDone(key: string): Promise<RequestDoc | null> {
    return this.coll.findOne({ _id: key, state: 'done' });
  }

  /**
   * Starts a run of the key for `owner` until `at + leaseMs`: a first run, or one whose last run stopped renewing
   * its lease (the process died). False while a live run holds it.
   */
  async claimRun(key: string, owner: string, at: Date, leaseMs: number): Promise<boolean> {
    const leaseUntil = new Date(at.getTime() + leaseMs);
    try {
      await this.runs.insertOne({ _id: key, owner, leaseUntil, createdAt: at });
      return true;
    } catch (err) {
      if (!(err instanceof MongoServerError && err.code === DUPLICATE_KEY)) throw err;
    }
    // One conditional update: of two retries after a crash, one takes the key over.
    const lapsed = await this.runs.findOneAndUpdate({ _id: key, leaseUntil: { $lte: at } }, { $set: { owner, leaseUntil } });
    return lapsed !== null;
  }

  /** The heartbeat of a live run; false once another run took the key over. */
  async renewRun(key: string, owner: string, at: Date, leaseMs: number): Promise<boolean> {
    const r = await this.runs.updateOne({ _id: key, owner }, { $set: { leaseUntil: new Date(at.getTime() + leaseMs) } });
    return r.matchedCount === 1;
  }

  /** Ends a run: its key is free for the next attempt at once, done or not. */
  async endRun(key: string, owner: string): Promise<void> {
    await this.runs.deleteOne({ _id: key, owner });
  }

  /**
   * Records the reply, in the write's own transaction. The first reply wins: when one is already recorded (a run
   * taken for dead that was only slow, and committed), this fails with a duplicate key and its transaction with it,
   * so a write can never take effect twice. Kept as the JSON the client saw, so a replay is byte-for-byte the same.
   */
  async markDone(key: string, replyJson: string, at: Date): Promise<void> {
    await this.coll.updateOne({ _id: key, state: { $ne: 'done' } }, { $set: { state: 'done', replyJson, createdAt: at } }, { upsert: true });
  }
}

/** Whether an error is the duplicate key markDone fails with when the key was already done. */
export function isDuplicateKey(err: unknown): boolean {
  return err instanceof MongoServerError && err.code === DUPLICATE_KEY;
}
