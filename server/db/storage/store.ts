// Durable storage for a dbPath: recovery at open, a group-committed journal while running, and
// compaction into a snapshot so recovery stays short.
//
//   <dbPath>/mongod.lock          the owning server: pid, process start time, boot id (lockFile.ts)
//   <dbPath>/snapshot.bson        frames: header {h:{v,gen}}, then {r:[records]} rebuilding every collection
//   <dbPath>/journal.<gen>        frames {r:[records]}, one per command or transaction commit
//
// The snapshot covers every journal generation below its `gen`; recovery loads it and replays the rest.
import fs from 'fs';
import { FileHandle, open } from 'fs/promises';
import path from 'path';
import { Binary } from 'bson';
import { Doc } from '../index/values';
import { Engine, LogRecord, Op } from './engine';
import { decodeFrames, encodeFrame } from '../wire/frames';
import { acquireLock } from './lockFile';

const SNAPSHOT = 'snapshot.bson';
const FORMAT_VERSION = 1;
const DOCS_PER_FRAME = 500;
/** Compact once the journal outgrows this and the last snapshot (the env override exists for crash tests). */
const MIN_COMPACT_BYTES = Number(process.env.EMBEDDED_MONGO_COMPACT_BYTES) || 32 * 1024 * 1024;

export interface Store {
  commit(records: LogRecord[]): Promise<void> | null;
  close(): Promise<void>;
  compact(): Promise<void>;
}

interface Pending {
  gen: number;
  buf: Buffer;
  resolve: () => void;
  reject: (e: Error) => void;
}

/**
 * A journal is opened for appending with O_DSYNC where the platform has it: each write returns only once
 * its bytes (and the file size that reaches them) are on disk, which is what write + fdatasync gave, in
 * one system call and one trip to the thread pool per group commit instead of two. Elsewhere (Windows)
 * the flush loop calls datasync after writing, as before.
 */
const DSYNC = fs.constants.O_DSYNC;
const JOURNAL_FLAGS = DSYNC ? fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_APPEND | DSYNC : 'a';

const journalName = (gen: number) => `journal.${String(gen).padStart(8, '0')}`;

function listJournals(dir: string): number[] {
  return fs
    .readdirSync(dir)
    .map((f) => /^journal\.(\d+)$/.exec(f))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
}

function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function normalise(r: Doc): LogRecord {
  // Binary comes back from BSON where a Uint8Array went in.
  if (r.o === Op.CreateCollection && r.uuid && r.uuid._bsontype === 'Binary') r.uuid = (r.uuid as Binary).buffer;
  return r as LogRecord;
}

/** Loads snapshot + journals into the engine; truncates a torn journal tail. Returns the next generation. */
function recover(dir: string, engine: Engine): { gen: number; journalBytes: number; snapshotBytes: number } {
  let minGen = 0;
  let snapshotBytes = 0;
  const snapFile = path.join(dir, SNAPSHOT);
  if (fs.existsSync(snapFile)) {
    const buf = fs.readFileSync(snapFile);
    snapshotBytes = buf.length;
    const { frames, validBytes } = decodeFrames(buf);
    if (validBytes !== buf.length || !frames[0]?.h) {
      throw new Error(`snapshot ${snapFile} is corrupt (valid up to byte ${validBytes} of ${buf.length}); refusing to start`);
    }
    if (frames[0].h.v !== FORMAT_VERSION) throw new Error(`snapshot ${snapFile} has unsupported format ${frames[0].h.v}`);
    minGen = frames[0].h.gen;
    for (const f of frames.slice(1)) for (const r of f.r) engine.applyRaw(normalise(r));
  }
  let journalBytes = 0;
  const gens = listJournals(dir);
  for (const gen of gens) {
    const file = path.join(dir, journalName(gen));
    if (gen < minGen) {
      fs.unlinkSync(file); // already folded into the snapshot
      continue;
    }
    const buf = fs.readFileSync(file);
    const { frames, validBytes } = decodeFrames(buf);
    for (const f of frames) for (const r of f.r) engine.applyRaw(normalise(r));
    if (validBytes < buf.length) {
      // A torn write from a crash: it was never acknowledged, so drop it.
      fs.truncateSync(file, validBytes);
    }
    journalBytes += validBytes;
  }
  const gen = Math.max(minGen, gens.length ? gens[gens.length - 1] : 0);
  return { gen, journalBytes, snapshotBytes };
}

/** Every collection as records that rebuild it: create, documents, then indexes (bulk-built). */
function* captureFrames(engine: Engine, gen: number): Generator<Buffer> {
  yield encodeFrame({ h: { v: FORMAT_VERSION, gen, at: new Date() } });
  for (const c of engine.namespaces.values()) {
    yield encodeFrame({ r: [{ o: Op.CreateCollection, ns: c.ns, opts: c.options, uuid: c.uuid }] });
    let batch: LogRecord[] = [];
    for (const d of c.docs.values()) {
      batch.push({ o: Op.PutDoc, ns: c.ns, d });
      if (batch.length >= DOCS_PER_FRAME) {
        yield encodeFrame({ r: batch });
        batch = [];
      }
    }
    if (batch.length) yield encodeFrame({ r: batch });
    const specs = c.specs().filter((s) => s.name !== '_id_');
    if (specs.length) yield encodeFrame({ r: specs.map((spec) => ({ o: Op.CreateIndex, ns: c.ns, spec })) });
  }
}

class FileStore implements Store {
  private gen: number;
  private readonly handles = new Map<number, Promise<FileHandle>>();
  private pending: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private compacting: Promise<void> | null = null;
  private journalBytes: number;
  private snapshotBytes: number;
  private closed = false;

  constructor(private readonly dir: string, private readonly engine: Engine, private readonly unlock: () => void, state: { gen: number; journalBytes: number; snapshotBytes: number }) {
    this.gen = state.gen;
    this.journalBytes = state.journalBytes;
    this.snapshotBytes = state.snapshotBytes;
  }

  async init(): Promise<void> {
    await this.handle(this.gen);
    if (this.journalBytes > Math.max(MIN_COMPACT_BYTES, this.snapshotBytes)) await this.compact();
  }

  private handle(gen: number): Promise<FileHandle> {
    let h = this.handles.get(gen);
    if (!h) {
      h = open(path.join(this.dir, journalName(gen)), JOURNAL_FLAGS).then((fh) => {
        fsyncDir(this.dir); // the new file's directory entry must survive a crash too
        return fh;
      });
      this.handles.set(gen, h);
    }
    return h;
  }

  commit(records: LogRecord[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('store is closed'));
    // Serialise now: the records reference live documents.
    const buf = encodeFrame({ r: records });
    return new Promise((resolve, reject) => {
      this.pending.push({ gen: this.gen, buf, resolve, reject });
      if (!this.flushing) this.flushing = this.flushLoop();
    });
  }

  /** Group commit: everything queued while the previous flush ran goes out in one durable write (O_DSYNC, or write + datasync). */
  private async flushLoop(): Promise<void> {
    try {
      while (this.pending.length) {
        const batch = this.pending;
        this.pending = [];
        try {
          const touched = new Set<FileHandle>();
          for (let i = 0; i < batch.length; ) {
            const gen = batch[i].gen;
            let j = i;
            while (j < batch.length && batch[j].gen === gen) j++;
            const data = j - i === 1 ? batch[i].buf : Buffer.concat(batch.slice(i, j).map((p) => p.buf));
            const fh = await this.handle(gen);
            await fh.write(data, 0, data.length, null);
            touched.add(fh);
            this.journalBytes += data.length;
            i = j;
          }
          if (!DSYNC) for (const fh of touched) await fh.datasync();
          for (const p of batch) p.resolve();
        } catch (e) {
          for (const p of batch) p.reject(e as Error);
        }
      }
    } finally {
      this.flushing = null;
    }
    if (!this.closed && !this.compacting && this.journalBytes > Math.max(MIN_COMPACT_BYTES, this.snapshotBytes * 2)) {
      void this.compact().catch((e) => console.error(`[embedded-mongo] compaction failed: ${(e as Error).message}`));
    }
  }

  /** Snapshot the current state, then drop the journal generations it covers. */
  compact(): Promise<void> {
    this.compacting ??= this.doCompact().finally(() => (this.compacting = null));
    return this.compacting;
  }

  private async doCompact(): Promise<void> {
    const newGen = this.gen + 1;
    // Capture and switch generation in one synchronous step: every change is either in the snapshot
    // or in a journal generation ≥ newGen, never lost between the two.
    const frames = [...captureFrames(this.engine, newGen)];
    this.gen = newGen;
    this.journalBytes = 0;
    await this.handle(newGen);
    const tmp = path.join(this.dir, `${SNAPSHOT}.tmp`);
    const fh = await open(tmp, 'w');
    let size = 0;
    try {
      for (const f of frames) {
        await fh.write(f, 0, f.length, null);
        size += f.length;
      }
      await fh.sync();
    } finally {
      await fh.close();
    }
    fs.renameSync(tmp, path.join(this.dir, SNAPSHOT));
    fsyncDir(this.dir);
    this.snapshotBytes = size;
    // Writes queued for older generations must land before their files go (their waiters need it).
    while (this.flushing) await this.flushing;
    for (const [gen, h] of this.handles) {
      if (gen >= newGen) continue;
      await (await h).close();
      this.handles.delete(gen);
    }
    for (const gen of listJournals(this.dir)) if (gen < newGen) fs.unlinkSync(path.join(this.dir, journalName(gen)));
    fsyncDir(this.dir);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    while (this.flushing || this.compacting) {
      await this.flushing;
      await this.compacting;
    }
    // A clean shutdown leaves a fresh snapshot so the next start replays nothing.
    if (this.journalBytes > 0) await this.compact();
    this.closed = true;
    for (const h of this.handles.values()) await (await h).close();
    this.handles.clear();
    this.unlock();
  }
}

export async function openStore(dir: string, engine: Engine): Promise<Store> {
  fs.mkdirSync(dir, { recursive: true });
  const unlock = acquireLock(dir);
  try {
    fs.rmSync(path.join(dir, `${SNAPSHOT}.tmp`), { force: true });
    const state = recover(dir, engine);
    const store = new FileStore(dir, engine, unlock, state);
    await store.init();
    return store;
  } catch (e) {
    unlock();
    throw e;
  }
}
