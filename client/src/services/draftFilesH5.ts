import type { DraftFileStore } from './draftFiles';

/**
 * The browser's draft files (services/draftFiles): one IndexedDB store of Blobs keyed by the draft's scope and the
 * `blob:` URL its draft holds. Storage (localStorage) keeps only short strings; IndexedDB keeps bytes and has room
 * for a minute of speech and a few photos. The raw API: four requests do not earn a library's bytes.
 */
const DB = 'xy-drafts';
const STORE = 'files';
const SEP = '\n';
/** The bytes and their type: plain data, which every IndexedDB clones alike. */
interface Kept {
  type: string;
  bytes: ArrayBuffer;
}
/** FileReader rather than Blob.arrayBuffer: older WebViews (and jsdom) lack the latter. */
const bytesOf = (blob: Blob) =>
  new Promise<ArrayBuffer>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
const keyOf = (scope: string, path: string) => `${scope}${SEP}${path}`;

let opening: Promise<IDBDatabase> | undefined;
function open(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  }).catch((err: unknown) => {
    opening = undefined;
    throw err;
  });
  return opening;
}

/** One transaction; resolves with the last request's result once it has committed. */
async function run<T>(mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
  const db = await open();
  return new Promise<T | undefined>((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const req = work(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(req ? req.result : undefined);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

const ownKeys = async (scope: string) =>
  ((await run('readonly', (s) => s.getAllKeys())) ?? []).map(String).filter((k) => k.startsWith(`${scope}${SEP}`));

// Each call waits for the one before: a prune must not run between a keep's read of the bytes and its write.
let queue: Promise<unknown> = Promise.resolve();
function inTurn<T>(work: () => Promise<T>): Promise<T> {
  const next = queue.then(work, work);
  queue = next.catch(() => undefined);
  return next;
}

export const browserStore: DraftFileStore = {
  keep: (scope, path) =>
    inTurn(async () => {
      if (!path.startsWith('blob:')) return path;
      try {
        const blob = await (await fetch(path)).blob();
        const kept: Kept = { type: blob.type, bytes: await bytesOf(blob) };
        await run('readwrite', (s) => s.put(kept, keyOf(scope, path)));
      } catch {
        // No IndexedDB (a private window may refuse it) or full: the draft still holds the file while the page lives.
      }
      return path;
    }),
  revive: (scope, path) =>
    inTurn(async () => {
      if (!path.startsWith('blob:')) return path;
      // Still alive (the form was left and opened again without a reload): nothing to do.
      if (await fetch(path).then((r) => r.ok, () => false)) return path;
      try {
        const kept = await run<Kept | undefined>('readonly', (s) => s.get(keyOf(scope, path)));
        if (!kept?.bytes) return undefined;
        // The old URL died with the page. The bytes are kept under the new one too; the old key goes when the draft
        // no longer holds it (prune), so a form mounted twice finds them again.
        const fresh = URL.createObjectURL(new Blob([kept.bytes], { type: kept.type }));
        await run('readwrite', (s) => s.put(kept, keyOf(scope, fresh)));
        return fresh;
      } catch {
        return undefined;
      }
    }),
  prune: (scope, held) =>
    inTurn(async () => {
      try {
        const keep = new Set(held.map((p) => keyOf(scope, p)));
        const drop = (await ownKeys(scope)).filter((k) => !keep.has(k));
        if (drop.length) await run('readwrite', (s) => drop.forEach((k) => s.delete(k)));
      } catch {
        // Nothing kept, or no IndexedDB: nothing to throw away.
      }
    }),
};
