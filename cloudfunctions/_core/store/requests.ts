import { MongoServerError, type Collection } from 'mongodb';
import type { RequestDoc } from './collections';

export type { RequestDoc };

const DUPLICATE_KEY = 11000;

/** Writes by requestId: the key a write claims before running, and the reply it is answered with again. */
export class RequestRepository {
  constructor(private readonly coll: Collection<RequestDoc>) {}

  /**
   * Claims the key for a run until `at + leaseMs`: a first run, or one whose earlier attempt's lease ran out
   * (it crashed). False while a twin holds it, or once it is done.
   */
  async claim(key: string, at: Date, leaseMs: number): Promise<boolean> {
    const leaseUntil = new Date(at.getTime() + leaseMs);
    try {
      await this.coll.insertOne({ _id: key, state: 'running', createdAt: at, leaseUntil });
      return true;
    } catch (err) {
      if (!(err instanceof MongoServerError && err.code === DUPLICATE_KEY)) throw err;
    }
    // One conditional update: of two retries after a crash, one takes the key over.
    const lapsed = await this.coll.findOneAndUpdate(
      {
        _id: key,
        state: 'running',
        $or: [{ leaseUntil: { $lte: at } }, { leaseUntil: { $exists: false }, createdAt: { $lte: new Date(at.getTime() - leaseMs) } }],
      },
      { $set: { leaseUntil } },
    );
    return lapsed !== null;
  }

  find(key: string): Promise<RequestDoc | null> {
    return this.coll.findOne({ _id: key });
  }

  /** Lets go of a run that failed unexpectedly, so a retry runs it again; a finished one stays. */
  async release(key: string): Promise<void> {
    await this.coll.deleteOne({ _id: key, state: 'running' });
  }

  /**
   * Kept as the JSON the client saw, so a replay is byte-for-byte the same reply; as one string it
   * costs one value to encode, decode and copy, not a document of the reply's whole shape.
   */
  async complete(key: string, replyJson: string): Promise<void> {
    await this.coll.updateOne({ _id: key }, { $set: { state: 'done', replyJson } });
  }
}
