// aggregate: a leading $geoNear or $match/$sort/$limit runs on our indexes; mingo does the rest.
import { Codes, DbError, toDbError } from '../errors';
import { EARTH_RADIUS_M, toPoint } from '../index/geometry';
import { ObjectId } from 'bson';
import { cloneDoc, Doc, getPath, isPlainObject, setPath } from '../index/values';
import { compileFilter, letVariables, nearIterator, runQuery } from '../query/execute';
import { matchesWithin, NearClause, splitGeo } from '../query/geoFilter';
import { Aggregator, MINGO_OPTIONS } from '../mingoOptions';
import { fastProjector } from '../query/projection';
import { CommandContext, Handler } from './context';
import { collectionStatsStage } from './stats';
import { resolveView } from './views';

function geoNearStage(spec: Doc, ctx: CommandContext, ns: string, limitHint: number, project: ((d: Doc) => Doc) | null): Doc[] {
  const coll = ctx.view.collection(ns);
  if (!spec.distanceField) throw new DbError(Codes.FailedToParse, '$geoNear requires a distanceField option');
  const center = toPoint(spec.near);
  if (!center) throw new DbError(Codes.BadValue, '$geoNear requires a near point');
  const meters = isPlainObject(spec.near) && spec.near.type === 'Point';
  const toRad = (d: any) => (d === undefined || d === null ? undefined : meters ? Number(d) / EARTH_RADIUS_M : Number(d));
  if (!coll) return [];
  const geoIndexes = coll.plannableGeo;
  const ix = spec.key ? geoIndexes.find((g) => g.field === spec.key) : geoIndexes[0];
  if (!ix) throw new DbError(Codes.NoQueryExecutionPlans, 'geoNear requires a 2dsphere index, none found');
  if (!spec.key && geoIndexes.length > 1) throw new DbError(Codes.BadValue, 'There is more than one 2dsphere index; please specify which one to use with the key option');
  const near: NearClause = { field: ix.field, center, maxDist: toRad(spec.maxDistance) ?? Infinity, minDist: toRad(spec.minDistance) ?? 0, meters };
  const geo = splitGeo(spec.query ?? {});
  const matcher = compileFilter(geo.rest);
  const mult = Number(spec.distanceMultiplier ?? 1);
  const out: Doc[] = [];
  for (const { d, dist } of nearIterator(ctx.view, coll, near)) {
    if (geo.within.length && !matchesWithin(d, geo.within)) continue;
    if (!matcher.test(d)) continue;
    // With a final plain projection the output is never handed to mingo: a shallow copy suffices.
    const simple = project && !spec.distanceField.includes('.') && !(spec.includeLocs ?? '').includes('.');
    const copy = simple ? { ...d } : cloneDoc(d);
    setPath(copy, spec.distanceField, (meters ? dist * EARTH_RADIUS_M : dist) * mult);
    if (spec.includeLocs) setPath(copy, spec.includeLocs, cloneDoc(d[ix.field]));
    out.push(project ? project(copy) : copy);
    if (out.length >= limitHint) break;
  }
  return out;
}

/** `{$group: {_id: <constant>, <field>: {$sum: 1}}}`: the whole input counted into one document. */
function constantCount(stage: Doc): { id: unknown; field: string } | null {
  const group = stage.$group;
  if (!isPlainObject(group)) return null;
  const keys = Object.keys(group);
  if (keys.length !== 2 || keys[0] !== '_id') return null;
  const id = group._id;
  const constant = id === null || typeof id === 'number' || typeof id === 'boolean' || (typeof id === 'string' && !id.startsWith('$'));
  const sum = group[keys[1]];
  if (!constant || !isPlainObject(sum) || Object.keys(sum).length !== 1 || sum.$sum !== 1) return null;
  return { id, field: keys[1] };
}

/**
 * Runs a pipeline over a collection of the current database (a view: its source, through the view's
 * pipeline first); used by aggregate, $lookup and every read of a view.
 */
export function runPipeline(ctx: CommandContext, ns: string, pipeline: Doc[], opts: { variables?: Doc } = {}): Doc[] {
  if (!Array.isArray(pipeline)) throw new DbError(Codes.TypeMismatch, "'pipeline' option must be specified as an array");
  for (const st of pipeline) {
    if (!isPlainObject(st) || Object.keys(st).length !== 1) throw new DbError(40323, 'A pipeline stage specification object must contain exactly one field.');
  }
  const source = resolveView(ctx, ns);
  let stages = source.isView ? [...source.pipeline, ...pipeline] : pipeline;
  ns = source.ns;
  let input: Doc[];
  const first = stages[0] ? Object.keys(stages[0])[0] : null;
  const stageIndex = (name: string) => stages.findIndex((s) => Object.keys(s)[0] === name);
  if (stageIndex('$geoNear') > 0) throw new DbError(40602, '$geoNear is only valid as the first stage in a pipeline');
  if (stageIndex('$listSearchIndexes') >= 0) throw searchNotEnabled();
  if (stageIndex('$collStats') > 0) throw new DbError(40602, '$collStats is only valid as the first stage in a pipeline');
  if (stageIndex('$listLocalSessions') > 0) throw new DbError(40602, '$listLocalSessions is only valid as the first stage in a pipeline');
  if (first === '$geoNear') {
    const next = stages[1] && Object.keys(stages[1])[0] === '$limit' ? Number(stages[1].$limit) : Infinity;
    // $geoNear, $limit, then a plain $project (the nearby-list shape): projected here, before any copy.
    const after = Number.isFinite(next) ? 2 : 1;
    const proj = stages.length === after + 1 && stages[after].$project ? fastProjector(stages[after].$project) : null;
    input = geoNearStage(stages[0].$geoNear, ctx, ns, next, proj);
    stages = proj ? [] : stages.slice(1);
  } else if (first === '$collStats') {
    input = collectionStatsStage(ctx, ns, stages[0].$collStats);
    stages = stages.slice(1);
  } else if (first === '$currentOp') {
    // Every command runs to completion before the next starts: no other operation is ever in progress.
    input = [];
    stages = stages.slice(1);
  } else if (first === '$listLocalSessions') {
    input = ctx.localSessions();
    stages = stages.slice(1);
  } else if (first === '$documents') {
    input = cloneDoc(stages[0].$documents);
    stages = stages.slice(1);
  } else {
    let filter: Doc = {};
    let sort: Doc | undefined;
    let limit: number | undefined;
    let i = 0;
    if (first === '$match') {
      filter = stages[0].$match;
      // MongoDB refuses these here (countDocuments included): fail the same way so code that only works here never ships.
      if (/"\$(near|nearSphere)"/.test(JSON.stringify(filter))) {
        throw new DbError(Codes.BadValue, '$geoNear, $near, and $nearSphere are not allowed in this context');
      }
      i = 1;
      const k1 = stages[1] && Object.keys(stages[1])[0];
      if (k1 === '$sort') {
        sort = stages[1].$sort;
        i = 2;
        if (stages[2] && Object.keys(stages[2])[0] === '$limit') {
          limit = Number(stages[2].$limit);
          i = 3;
        }
      } else if (k1 === '$limit') {
        limit = Number(stages[1].$limit);
        i = 2;
      }
    }
    const matched = runQuery(ctx.view, ctx.view.collection(ns), filter, { sort, limit, variables: opts.variables });
    // countDocuments sends $match, $limit, {$group: {_id: 1, n: {$sum: 1}}}: counted here, without copying or mingo.
    const count = stages.length === i + 1 ? constantCount(stages[i]) : null;
    if (count) return matched.length ? [{ _id: count.id, [count.field]: matched.length }] : [];
    // The $match mingo would run again is harmless; we only skip the stages we executed.
    input = matched.map(cloneDoc);
    stages = stages.slice(i);
  }
  if (!stages.length) return input;
  const out = stages.findIndex((s) => '$out' in s);
  if (out >= 0 && out !== stages.length - 1) throw new DbError(40601, '$out can only be the final stage in the pipeline');
  const outTarget = out >= 0 ? stages[out].$out : null;
  if (outTarget !== null) stages = stages.slice(0, -1);
  // mingo's own $merge would write into a temporary copy and lose the result: it is done here.
  const merge = stages.findIndex((s) => '$merge' in s);
  if (merge >= 0 && merge !== stages.length - 1) throw new DbError(40601, '$merge can only be the final stage in the pipeline');
  const mergeSpec = merge >= 0 ? stages[merge].$merge : null;
  if (mergeSpec !== null) stages = stages.slice(0, -1);
  let result: Doc[];
  try {
    const agg = new Aggregator(stages, {
      ...MINGO_OPTIONS,
      collectionResolver: (name: string) => runPipeline(ctx, `${ctx.db}.${name}`, []),
      variables: opts.variables,
    } as any);
    result = agg.run(input) as Doc[];
  } catch (e) {
    throw toDbError(e);
  }
  if (mergeSpec !== null) {
    mergeInto(ctx, mergeSpec, result);
    return [];
  }
  if (outTarget !== null) {
    const target = typeof outTarget === 'string' ? `${ctx.db}.${outTarget}` : `${outTarget.db}.${outTarget.coll}`;
    const existing = ctx.view.collection(target);
    if (existing) for (const d of runQuery(ctx.view, existing, {})) ctx.writer.remove(target, d);
    for (const d of result) ctx.writer.insert(target, d);
    return [];
  }
  return result;
}

export const aggregate: Handler = (cmd, ctx) => {
  const coll = cmd.aggregate;
  const ns = typeof coll === 'string' ? `${ctx.db}.${coll}` : `${ctx.db}.$cmd.aggregate`;
  if (cmd.explain) throw new DbError(Codes.NotImplemented, 'explain is not supported by the embedded server');
  if (!cmd.cursor && !cmd.explain) throw new DbError(Codes.FailedToParse, "The 'cursor' option is required, except for aggregate with the explain argument");
  const writes = Array.isArray(cmd.pipeline) && cmd.pipeline.some((s: Doc) => isPlainObject(s) && ('$out' in s || '$merge' in s));
  if (writes && cmd.readConcern?.level === 'linearizable') {
    throw new DbError(Codes.InvalidOptions, "{aggregate: 1} cannot run a $out or $merge stage with a 'linearizable' read concern");
  }
  const docs = runPipeline(ctx, ns, cmd.pipeline, { variables: letVariables(cmd.let) });
  return ctx.cursors.first(ns, docs, cmd.cursor?.batchSize, ctx.lsidKey);
};

/** What a mongod without Atlas Search answers to the search-index commands and $listSearchIndexes. */
export function searchNotEnabled(): DbError {
  return new DbError(
    Codes.SearchNotEnabled,
    'Using Atlas Search Database Commands and the $listSearchIndexes aggregation stage requires additional configuration. Please connect to Atlas or an AtlasCLI local deployment to enable.',
  );
}

/**
 * $merge into a collection of this server: each result is matched on `on` (default _id) and merged,
 * replaced, kept or refused (whenMatched), inserted, dropped or refused (whenNotMatched).
 */
function mergeInto(ctx: CommandContext, raw: unknown, results: Doc[]): void {
  const spec: Doc = typeof raw === 'string' ? { into: raw } : isPlainObject(raw) ? raw : {};
  const into = typeof spec.into === 'string' ? `${ctx.db}.${spec.into}` : isPlainObject(spec.into) ? `${spec.into.db ?? ctx.db}.${spec.into.coll}` : null;
  if (!into) throw new DbError(Codes.FailedToParse, "$merge requires an 'into' collection");
  const on: string[] = spec.on === undefined ? ['_id'] : Array.isArray(spec.on) ? spec.on : [spec.on];
  const whenMatched = spec.whenMatched ?? 'merge';
  const whenNotMatched = spec.whenNotMatched ?? 'insert';
  if (Array.isArray(whenMatched) || !['merge', 'replace', 'keepExisting', 'fail'].includes(whenMatched)) {
    throw new DbError(Codes.NotImplemented, `$merge whenMatched ${JSON.stringify(whenMatched)} is not supported by the embedded server`);
  }
  if (!['insert', 'discard', 'fail'].includes(whenNotMatched)) throw new DbError(Codes.BadValue, `Enumeration value '${whenNotMatched}' for field 'whenNotMatched' is not a valid value.`);
  for (const result of results) {
    const doc = result._id === undefined ? { _id: new ObjectId(), ...result } : result;
    const key = Object.fromEntries(on.map((f) => [f, getPath(doc, f) ?? null]));
    const [existing] = runQuery(ctx.view, ctx.view.collection(into), key, { limit: 1 });
    if (!existing) {
      if (whenNotMatched === 'insert') ctx.writer.insert(into, cloneDoc(doc));
      else if (whenNotMatched === 'fail') throw new DbError(13113, "$merge could not find a matching document in the target collection for at least one document in the source collection");
      continue;
    }
    // whenMatched 'fail' is the insert that collides: the same DuplicateKey error, keyPattern and all.
    if (whenMatched === 'fail') ctx.writer.insert(into, cloneDoc(doc));
    else if (whenMatched === 'replace') ctx.writer.replace(into, existing, { ...cloneDoc(doc), _id: existing._id });
    else if (whenMatched === 'merge') ctx.writer.replace(into, existing, { ...existing, ...cloneDoc(doc), _id: existing._id });
  }
}
