// Cluster time: the engine's logical clock as a BSON Timestamp (seconds at start-up, clock tick), so
// replies carry operationTime/$clusterTime and the driver's causal consistency and snapshot reads work.
import { Binary, Long, serialize, Timestamp } from 'bson';
import { Codes, DbError } from '../errors';
import { Engine } from '../storage/engine';
import { asBuffer } from '../wire/messages';

// Unsigned: no key signs our cluster times (there is no authentication), as on a mongod without keyfile.
const SIGNATURE = { hash: new Binary(Buffer.alloc(20)), keyId: Long.fromNumber(0) };

/**
 * `operationTime` and `$clusterTime` as BSON elements with a marker time, and where the marker's 8 bytes
 * sit: every reply ends with them, so they are copied and the time written in, not serialised each time.
 */
const TAIL = (() => {
  const marker = new Timestamp({ t: 0x7eadbeef, i: 0x5eed });
  const doc = asBuffer(serialize({ operationTime: marker, $clusterTime: { clusterTime: marker, signature: SIGNATURE } }));
  const elements = doc.subarray(4, doc.length - 1); // without the document's length and terminating 0
  const bytes = asBuffer(serialize({ t: marker })).subarray(7, 15);
  const at: number[] = [];
  for (let i = elements.indexOf(bytes); i >= 0; i = elements.indexOf(bytes, i + 1)) at.push(i);
  if (at.length !== 2) throw new Error('cluster time template: expected two Timestamps');
  return { elements, at };
})();

export class ClusterClock {
  /** Seconds at start-up: the high word keeps times increasing across restarts. */
  private readonly epoch = Math.floor(Date.now() / 1000);
  /** The reply tail for the last tick: replies between two writes share it. */
  private tick = -1;
  private tail = TAIL.elements;

  constructor(private readonly engine: Engine) {}

  at(clock: number): Timestamp {
    return new Timestamp({ t: this.epoch, i: clock });
  }

  /**
   * `operationTime` and `$clusterTime` ({clusterTime, signature}), encoded, for the clock now: what every
   * reply ends with. On one node nothing is newer than the last write, so both are the clock now (as a
   * retried write's reply is, mongod answering it with its latest time too).
   */
  replyTail(): Buffer {
    const clock = this.engine.clock;
    if (clock !== this.tick) {
      // A new buffer per tick, never rewritten: a reply encoded after the next write keeps the time it was given.
      const bytes = Buffer.from(TAIL.elements);
      for (const at of TAIL.at) {
        bytes.writeUInt32LE(clock, at); // a Timestamp is (increment, seconds), low word first
        bytes.writeUInt32LE(this.epoch, at + 4);
      }
      this.tick = clock;
      this.tail = bytes;
    }
    return this.tail;
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
