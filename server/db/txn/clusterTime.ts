// Cluster time: the engine's logical clock as a BSON Timestamp (seconds at start-up, clock tick), so
// replies carry operationTime/$clusterTime and the driver's causal consistency and snapshot reads work.
import { Binary, Long, Timestamp } from 'bson';
import { Codes, DbError } from '../errors';
import { Doc } from '../index/values';
import { Engine } from '../storage/engine';

// Unsigned: no key signs our cluster times (there is no authentication), as on a mongod without keyfile.
const SIGNATURE = { hash: new Binary(Buffer.alloc(20)), keyId: Long.fromNumber(0) };

export class ClusterClock {
  /** Seconds at start-up: the high word keeps times increasing across restarts. */
  private readonly epoch = Math.floor(Date.now() / 1000);

  constructor(private readonly engine: Engine) {}

  now(): Timestamp {
    return this.at(this.engine.clock);
  }

  at(clock: number): Timestamp {
    return new Timestamp({ t: this.epoch, i: clock });
  }

  /** The `$clusterTime` document every reply carries. */
  gossip(): Doc {
    return { clusterTime: this.now(), signature: SIGNATURE };
  }

  /** The engine clock a client's cluster time stands for; refused when it is not one we can read at. */
  toClock(ts: unknown): number {
    const t = ts as Timestamp;
    if (!t || t._bsontype !== 'Timestamp') throw new DbError(Codes.TypeMismatch, 'atClusterTime must be a Timestamp');
    if (t.high > this.epoch || (t.high === this.epoch && t.low > this.engine.clock)) {
      throw new DbError(Codes.BadValue, `readConcern atClusterTime value ${t.toString()} must not be greater than the current clusterTime`);
    }
    if (t.high < this.epoch) throw new DbError(Codes.SnapshotTooOld, `Read timestamp ${t.toString()} is older than the oldest available timestamp.`);
    return t.low;
  }
}
