import { MongoServerError, type Collection } from 'mongodb';
import type { RequestDoc } from './collections';

export type { RequestDoc };

const DUPLICATE_KEY = 11000;

/** Writes by requestId: the key a write claims before running, and the reply it is answered with again. */
export class RequestRepository {
  constructor(private readonly coll: Collection<RequestDoc>) {}

  /** Claims the key for a first run; false when a twin (or an earlier attempt) holds it already. */
  async claim(key: string, at: Date): Promise<boolean> {
    try {
      await this.coll.insertOne({ _id: key, state: 'running', createdAt: at });
      return true;
    } catch (err) {
      if (err instanceof MongoServerError && err.code === DUPLICATE_KEY) return false;
      throw err;
    }
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
