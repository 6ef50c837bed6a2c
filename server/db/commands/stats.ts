// collStats, $collStats and dbStats. Data sizes are the documents' BSON sizes, as mongod's `size` and
// `dataSize` are. Nothing here is on disk page by page, so storage and index sizes are estimates: the
// bytes held (index entries: key BSON plus 16 bytes of record id and overhead) in whole 4 KiB pages.
import { Binary, calculateObjectSize } from 'bson';
import { Codes, DbError } from '../errors';
import { Doc, getPath, isPlainObject } from '../index/values';
import { Collection } from '../storage/collection';
import { CommandContext, Handler } from './context';
import { isView } from './views';

const PAGE = 4096;
const INDEX_ENTRY_OVERHEAD = 16;

const pages = (bytes: number) => Math.max(1, Math.ceil(bytes / PAGE)) * PAGE;

interface Sizes {
  count: number;
  size: number;
  storageSize: number;
  indexSizes: Record<string, number>;
  totalIndexSize: number;
}

function sizesOf(c: Collection): Sizes {
  let size = 0;
  for (const d of c.docs.values()) size += calculateObjectSize(d);
  const indexSizes: Record<string, number> = {};
  let totalIndexSize = 0;
  for (const spec of c.specs()) {
    const fields = Object.keys(spec.key);
    let bytes = 0;
    for (const d of c.docs.values()) {
      bytes += calculateObjectSize(Object.fromEntries(fields.map((f) => [f, getPath(d, f) ?? null]))) + INDEX_ENTRY_OVERHEAD;
    }
    indexSizes[spec.name] = pages(bytes);
    totalIndexSize += indexSizes[spec.name];
  }
  return { count: c.docs.size, size, storageSize: pages(size), indexSizes, totalIndexSize };
}

function scaleOf(raw: unknown): number {
  if (raw === undefined || raw === null) return 1;
  const scale = Number(raw);
  if (!Number.isFinite(scale) || scale < 1) throw new DbError(Codes.BadValue, 'scale has to be >= 1');
  return Math.floor(scale);
}

/** storageStats as mongod reports them, sizes divided by `scale` in whole units. */
function storageStats(c: Collection, scale: number): Doc {
  const s = sizesOf(c);
  const scaled = (n: number) => Math.floor(n / scale);
  return {
    size: scaled(s.size),
    count: s.count,
    avgObjSize: s.count ? Math.floor(s.size / s.count) : 0,
    numOrphanDocs: 0,
    storageSize: scaled(s.storageSize),
    freeStorageSize: 0,
    capped: false,
    nindexes: c.specs().length,
    indexBuilds: [],
    totalIndexSize: scaled(s.totalIndexSize),
    totalSize: scaled(s.storageSize + s.totalIndexSize),
    indexSizes: Object.fromEntries(Object.entries(s.indexSizes).map(([k, v]) => [k, scaled(v)])),
    scaleFactor: scale,
  };
}

function collectionOrMissing(ctx: CommandContext, ns: string): Collection {
  const c = ctx.view.collection(ns);
  if (!c) throw new DbError(Codes.NamespaceNotFound, `Collection [${ns}] not found.`);
  if (isView(c)) throw new DbError(Codes.CommandNotSupportedOnView, `Namespace ${ns} is a view, not a collection`);
  return c;
}

/** `{$collStats: {count, storageStats, latencyStats, queryExecStats}}` as the first stage: one document. */
export function collectionStatsStage(ctx: CommandContext, ns: string, spec: unknown): Doc[] {
  if (!isPlainObject(spec)) throw new DbError(Codes.FailedToParse, '$collStats must take a nested object but found a non-object');
  const c = collectionOrMissing(ctx, ns);
  const out: Doc = { ns, host: ctx.info.port ? `${ctx.info.host}:${ctx.info.port}` : ctx.info.host, localTime: new Date() };
  for (const key of Object.keys(spec)) {
    const opts = spec[key];
    if (key === 'latencyStats') {
      const zero = { latency: 0, ops: 0 };
      out.latencyStats = { reads: zero, writes: zero, commands: zero, transactions: zero };
    } else if (key === 'storageStats') out.storageStats = storageStats(c, scaleOf(isPlainObject(opts) ? opts.scale : undefined));
    else if (key === 'count') out.count = c.docs.size;
    else if (key === 'queryExecStats') out.queryExecStats = { collectionScans: { total: 0, nonTailable: 0 } };
    else throw new DbError(40415, `BSON field '$collStats.${key}' is an unknown field.`);
  }
  return [out];
}

const collStats: Handler = (cmd, ctx) => {
  const ns = `${ctx.db}.${cmd.collStats}`;
  const c = collectionOrMissing(ctx, ns);
  return { ns, ...storageStats(c, scaleOf(cmd.scale)), ok: 1 };
};

const dbStats: Handler = (cmd, ctx) => {
  const scale = scaleOf(cmd.scale);
  const all = ctx.engine.collectionsOf(ctx.db);
  const colls = all.filter((c) => !isView(c));
  let objects = 0;
  let dataSize = 0;
  let storageSize = 0;
  let indexSize = 0;
  let indexes = 0;
  for (const c of colls) {
    const s = sizesOf(c);
    objects += s.count;
    dataSize += s.size;
    storageSize += s.storageSize;
    indexSize += s.totalIndexSize;
    indexes += c.specs().length;
  }
  const scaled = (n: number) => Math.floor(n / scale);
  return {
    db: ctx.db,
    collections: colls.length,
    views: all.length - colls.length,
    objects,
    avgObjSize: objects ? dataSize / objects : 0,
    dataSize: scaled(dataSize),
    storageSize: scaled(storageSize),
    indexes,
    indexSize: scaled(indexSize),
    totalSize: scaled(storageSize + indexSize),
    scaleFactor: scale,
    ok: 1,
  };
};

/**
 * validate: every document is held in memory as decoded BSON, so there is no on-disk structure to find
 * corrupt; it reports the record and index-entry counts it has (the journal's checksums guard the files).
 */
const validate: Handler = (cmd, ctx) => {
  const ns = `${ctx.db}.${cmd.validate}`;
  const c = collectionOrMissing(ctx, ns);
  const keysPerIndex: Record<string, number> = {};
  for (const spec of c.specs()) {
    const ix = c.findIndex(spec.name);
    keysPerIndex[spec.name] = ix && 'size' in ix ? ix.size : c.docs.size;
  }
  return {
    ns,
    uuid: new Binary(c.uuid, Binary.SUBTYPE_UUID),
    nInvalidDocuments: 0,
    nNonCompliantDocuments: 0,
    nrecords: c.docs.size,
    nIndexes: c.specs().length,
    keysPerIndex,
    indexDetails: Object.fromEntries(Object.keys(keysPerIndex).map((k) => [k, { valid: true }])),
    valid: true,
    repaired: false,
    warnings: [],
    errors: [],
    extraIndexEntries: [],
    missingIndexEntries: [],
    corruptRecords: [],
    ok: 1,
  };
};

export const statsCommands: Record<string, Handler> = { collStats, dbStats, dbstats: dbStats, validate };
