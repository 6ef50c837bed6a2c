import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GridFSBucket, MongoServerError, ObjectId, type Collection, type Db, type GridFSFile } from 'mongodb';

import { C } from './collections';

const PHOTO_BUCKET = C.photos;

/** A stored photo as the server describes it: its name is its id (`<sha256>.<ext>`), so a retry lands on the same file. */
export interface PhotoInfo { name: string; length: number; contentType: string; uploadedAt: Date; lastUploadAt: Date }

/** What a photo file keeps besides GridFS's own fields. */
interface PhotoMetadata { contentType: string; lastUploadAt: Date }

interface ChunkDoc { _id: ObjectId; files_id: unknown; n: number }

const DUPLICATE_KEY = 11000;
/** How long a twin upload of the same photo may take to finish before its leftovers count as abandoned. */
const TWIN_WAIT_MS = 2_000;

const infoOf = (f: GridFSFile): PhotoInfo => {
  const m = f.metadata as PhotoMetadata | undefined;
  return { name: String(f._id), length: f.length, contentType: m?.contentType ?? 'application/octet-stream', uploadedAt: f.uploadDate, lastUploadAt: m?.lastUploadAt ?? f.uploadDate };
};

/**
 * Photos in the database (GridFS through the driver's GridFSBucket), so every gateway process on one
 * database serves what any of them took in. Content-addressed: the id is the name, uploads of the
 * same bytes meet on one file, and the unique (files_id, n) chunk index turns a twin upload into a
 * duplicate-key error instead of a second copy.
 */
export class PhotoRepository {
  private readonly bucket: GridFSBucket;
  private readonly files: Collection<GridFSFile>;
  private readonly chunks: Collection<ChunkDoc>;

  constructor(db: Db) {
    this.bucket = new GridFSBucket(db, { bucketName: PHOTO_BUCKET });
    this.files = db.collection<GridFSFile>(`${PHOTO_BUCKET}.files`);
    this.chunks = db.collection<ChunkDoc>(`${PHOTO_BUCKET}.chunks`);
  }

  async stat(name: string): Promise<PhotoInfo | null> {
    const f = await this.files.findOne({ _id: name as never });
    return f ? infoOf(f) : null;
  }

  /**
   * Keeps the photo under `name`. Already there (a retried report): its age starts over instead, so the
   * sweep of unused photos can't take it from under the retry. Only a complete file is ever visible:
   * GridFS writes the files document after the last chunk.
   */
  async put(name: string, bytes: Buffer, contentType: string, now: Date): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      if (await this.renew(name, now)) return;
      try {
        const metadata: PhotoMetadata = { contentType, lastUploadAt: now };
        await pipeline(Readable.from([bytes]), this.bucket.openUploadStreamWithId(name as never, name, { metadata }));
        return;
      } catch (err) {
        if (attempt > 0 || !(err instanceof MongoServerError && err.code === DUPLICATE_KEY)) throw err;
      }
      // A twin upload of the same bytes is writing it: wait for it to finish, else clear what a crash left.
      const deadline = Date.now() + TWIN_WAIT_MS;
      while (Date.now() < deadline && !(await this.stat(name))) await new Promise((r) => setTimeout(r, 50));
      if (!(await this.stat(name))) await this.chunks.deleteMany({ files_id: name });
    }
  }

  private async renew(name: string, now: Date): Promise<boolean> {
    const r = await this.files.updateOne({ _id: name as never }, { $max: { 'metadata.lastUploadAt': now } });
    return r.matchedCount > 0;
  }

  /** The bytes from `start` to `end` (exclusive), or all of them. */
  open(name: string, range?: { start: number; end: number }): Readable {
    return this.bucket.openDownloadStream(name as never, range);
  }

  /** Names of photos last uploaded before `cutoff`, in name order after `after`: the sweep's candidates, a page at a time. */
  async uploadedBefore(cutoff: Date, max: number, after = ''): Promise<string[]> {
    const found = await this.files
      .find({ _id: { $gt: after } as never, 'metadata.lastUploadAt': { $lt: cutoff } }, { projection: { _id: 1 } })
      .sort({ _id: 1 })
      .limit(max)
      .toArray();
    return found.map((f) => String(f._id));
  }

  /** Deletes a photo, unless it was uploaded again since `cutoff` (a retry racing the sweep keeps it). */
  async deleteIfNotRenewed(name: string, cutoff: Date): Promise<boolean> {
    const gone = await this.files.deleteOne({ _id: name as never, 'metadata.lastUploadAt': { $lt: cutoff } });
    if (gone.deletedCount === 0) return false;
    await this.chunks.deleteMany({ files_id: name });
    return true;
  }

  /**
   * Chunks with no file, written before `cutoff`: an upload that died between its chunks and its files
   * document. A chunk's ObjectId _id carries the time it was written, so uploads in flight are left alone.
   */
  async deleteAbandonedChunks(cutoff: Date): Promise<number> {
    const old = { _id: { $lt: ObjectId.createFromTime(Math.floor(cutoff.getTime() / 1000)) } };
    const ids = await this.chunks.distinct('files_id', old);
    let removed = 0;
    for (const id of ids) {
      if (await this.files.findOne({ _id: id as never }, { projection: { _id: 1 } })) continue;
      removed += (await this.chunks.deleteMany({ files_id: id, ...old })).deletedCount;
    }
    return removed;
  }
}
