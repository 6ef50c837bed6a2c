// Open cursors: results are materialised when the command runs, getMore hands out further batches.
import { calculateObjectSize, Long } from 'bson';
import { Codes, DbError } from '../errors';
import { Doc } from '../index/values';

interface OpenCursor {
  ns: string;
  docs: Doc[];
  pos: number;
  lsidKey: string | null;
  lastUsed: number;
}

const BATCH_BYTES = 16 * 1024 * 1024 - 64 * 1024;
const IDLE_MS = 10 * 60 * 1000;

export class CursorStore {
  private readonly open = new Map<string, OpenCursor>();
  private next = BigInt(Date.now()) * 1000n;

  /** Builds a firstBatch reply; keeps the rest under a new cursor id. */
  first(ns: string, docs: Doc[], batchSize: number | undefined, lsidKey: string | null, single = false): Doc {
    const batch = takeBatch(docs, 0, batchSize ?? 101);
    let id = Long.fromNumber(0);
    if (batch.length < docs.length && !single) {
      const key = (++this.next).toString();
      this.open.set(key, { ns, docs, pos: batch.length, lsidKey, lastUsed: Date.now() });
      id = Long.fromBigInt(BigInt(key));
    }
    return { cursor: { firstBatch: batch, id, ns }, ok: 1 };
  }

  getMore(id: Long, ns: string, batchSize: number | undefined): Doc {
    const key = BigInt(id.toString()).toString();
    const c = this.open.get(key);
    if (!c) throw new DbError(Codes.CursorNotFound, `cursor id ${id.toString()} not found`);
    if (c.ns !== ns) throw new DbError(Codes.Unauthorized, `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${c.ns}`);
    const batch = takeBatch(c.docs, c.pos, batchSize && batchSize > 0 ? batchSize : Infinity);
    c.pos += batch.length;
    c.lastUsed = Date.now();
    let outId = id;
    if (c.pos >= c.docs.length) {
      this.open.delete(key);
      outId = Long.fromNumber(0);
    }
    return { cursor: { nextBatch: batch, id: outId, ns }, ok: 1 };
  }

  kill(ids: Long[]): Doc {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const id of ids) {
      const key = BigInt(id.toString()).toString();
      (this.open.delete(key) ? killed : notFound).push(id);
    }
    return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
  }

  killSession(lsidKey: string): void {
    for (const [k, c] of this.open) if (c.lsidKey === lsidKey) this.open.delete(k);
  }

  sweep(now = Date.now()): void {
    for (const [k, c] of this.open) if (now - c.lastUsed > IDLE_MS) this.open.delete(k);
  }

  get size(): number {
    return this.open.size;
  }
}

function takeBatch(docs: Doc[], from: number, max: number): Doc[] {
  const out: Doc[] = [];
  let bytes = 0;
  for (let i = from; i < docs.length && out.length < max; i++) {
    const size = calculateObjectSize(docs[i]);
    if (out.length && bytes + size > BATCH_BYTES) break;
    bytes += size;
    out.push(docs[i]);
  }
  return out;
}
