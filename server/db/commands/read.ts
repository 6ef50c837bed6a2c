// find / getMore / killCursors / count / distinct.
import { Long } from 'bson';
import { Codes, DbError } from '../errors';
import { hashValue, pathValues } from '../index/values';
import { letVariables, runQuery } from '../query/execute';
import { applyProjection } from '../query/projection';
import { aggregate, runPipeline, searchNotEnabled } from './aggregate';
import { Handler } from './context';
import { resolveView } from './views';

const find: Handler = (cmd, ctx) => {
  const ns = `${ctx.db}.${cmd.find}`;
  let { sort } = cmd;
  let natural = 0;
  if (sort && '$natural' in sort) {
    natural = Number(sort.$natural);
    sort = undefined;
  }
  const rawLimit = Number(cmd.limit ?? 0);
  const single = !!cmd.singleBatch || rawLimit < 0;
  const limit = Math.abs(rawLimit);
  const variables = letVariables(cmd.let);
  if (resolveView(ctx, ns).isView) {
    const stages = [{ $match: cmd.filter ?? {} }, ...(sort ? [{ $sort: sort }] : []), ...(cmd.skip ? [{ $skip: Number(cmd.skip) }] : []), ...(limit ? [{ $limit: limit }] : [])];
    const docs = applyProjection(runPipeline(ctx, ns, stages, { variables }), cmd.projection, cmd.filter);
    const batchSize = cmd.batchSize !== undefined ? Number(cmd.batchSize) : single && limit ? limit : undefined;
    return ctx.cursors.first(ns, docs, batchSize, ctx.lsidKey, single);
  }
  let docs = runQuery(ctx.view, ctx.view.collection(ns), cmd.filter ?? {}, { sort, skip: Number(cmd.skip ?? 0), limit: natural < 0 ? 0 : limit, variables });
  if (natural < 0) {
    docs = docs.reverse();
    if (limit) docs = docs.slice(0, limit);
  }
  docs = applyProjection(docs, cmd.projection, cmd.filter);
  const batchSize = cmd.batchSize !== undefined ? Number(cmd.batchSize) : single && limit ? limit : undefined;
  return ctx.cursors.first(ns, docs, batchSize, ctx.lsidKey, single);
};

const getMore: Handler = (cmd, ctx) => {
  const id = typeof cmd.getMore === 'number' ? Long.fromNumber(cmd.getMore) : cmd.getMore;
  if (!id || id._bsontype !== 'Long') throw new DbError(Codes.TypeMismatch, "Field 'getMore' must be of type long");
  return ctx.cursors.getMore(id, `${ctx.db}.${cmd.collection}`, cmd.batchSize);
};

const killCursors: Handler = (cmd, ctx) => ctx.cursors.kill((cmd.cursors ?? []).map((c: any) => (typeof c === 'number' ? Long.fromNumber(c) : c)));

const count: Handler = (cmd, ctx) => {
  const ns = `${ctx.db}.${cmd.count}`;
  const coll = ctx.view.collection(ns);
  const q = cmd.query ?? {};
  if (resolveView(ctx, ns).isView) {
    const stages = [{ $match: q }, ...(cmd.skip ? [{ $skip: Number(cmd.skip) }] : []), ...(cmd.limit ? [{ $limit: Math.abs(Number(cmd.limit)) }] : [])];
    return { n: runPipeline(ctx, ns, stages).length, ok: 1 };
  }
  if (!Object.keys(q).length && ctx.view.live && !cmd.skip && !cmd.limit) return { n: coll?.docs.size ?? 0, ok: 1 };
  const n = runQuery(ctx.view, coll, q, { skip: Number(cmd.skip ?? 0), limit: Math.abs(Number(cmd.limit ?? 0)) }).length;
  return { n, ok: 1 };
};

const distinct: Handler = (cmd, ctx) => {
  const ns = `${ctx.db}.${cmd.distinct}`;
  if (typeof cmd.key !== 'string') throw new DbError(Codes.TypeMismatch, "BSON field 'distinct.key' is the wrong type, expected type 'string'");
  const seen = new Map<string, unknown>();
  const docs = resolveView(ctx, ns).isView ? runPipeline(ctx, ns, [{ $match: cmd.query ?? {} }]) : runQuery(ctx.view, ctx.view.collection(ns), cmd.query ?? {});
  for (const d of docs) {
    for (const v of pathValues(d, cmd.key)) {
      if (v === undefined) continue;
      const h = hashValue(v);
      if (!seen.has(h)) seen.set(h, v);
    }
  }
  return { values: [...seen.values()], ok: 1 };
};

const noSearch: Handler = () => {
  throw searchNotEnabled();
};

export const readCommands: Record<string, Handler> = {
  find,
  getMore,
  killCursors,
  count,
  distinct,
  aggregate,
  createSearchIndexes: noSearch,
  dropSearchIndex: noSearch,
  updateSearchIndex: noSearch,
};
