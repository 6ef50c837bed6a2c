// Options for every mingo call: no server-side JavaScript ($where, $function, $accumulator), so a
// filter built from user input can never run code in the database process. Two operators are
// replaced where mingo's output differs from MongoDB's (see below), and the query operators that miss
// values behind nested arrays are corrected (query/pathValues.ts). mingo's top-level Query and
// Aggregator put their own operators ahead of any given context, so this module hands out the base
// classes, which take the context as it is: import Query/Aggregator/aggregate from here, not 'mingo'.
import { Context } from 'mingo';
import { Aggregator } from 'mingo/aggregator';
import * as accumulatorOps from 'mingo/operators/accumulator';
import * as expressionOps from 'mingo/operators/expression';
import * as pipelineOps from 'mingo/operators/pipeline';
import * as projectionOps from 'mingo/operators/projection';
import * as queryOps from 'mingo/operators/query';
import * as windowOps from 'mingo/operators/window';
import { Query } from 'mingo/query';
import { resolve } from 'mingo/util';
import { pathValueOperators } from './query/pathValues';

export { Aggregator, Query };

const mingoProject = pipelineOps.$project;

type AnyDoc = Record<string, any>;

const isObject = (v: unknown): v is AnyDoc => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v as AnyDoc)._bsontype;

/** Whether a $project value keeps an input field (1, true, a nested inclusion) rather than computing one. */
function isInclusion(v: unknown): boolean {
  if (typeof v === 'number' || typeof v === 'boolean') return !!v;
  if (!isObject(v)) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => !k.startsWith('$') && isInclusion(v[k]));
}

/**
 * MongoDB's $project puts `_id` first, copies the kept fields in the input document's order, then
 * appends computed fields in the order the stage names them; mingo follows the stage's order and puts
 * `_id` last. Same values, re-ordered top-level keys.
 */
function $project(coll: any, expr: AnyDoc, options: any): any {
  const kept = new Set<string>();
  for (const [k, v] of Object.entries(expr)) if (isInclusion(v)) kept.add(k.split('.')[0]);
  const inputs: AnyDoc[] = [];
  const tapped = coll.map((d: AnyDoc) => {
    inputs.push(d);
    return d;
  });
  return mingoProject(tapped, expr, options).map((out: AnyDoc) => {
    const input = inputs.shift()!;
    const ordered: AnyDoc = '_id' in out ? { _id: out._id } : {};
    for (const k of Object.keys(input)) if (kept.has(k) && k in out) ordered[k] = out[k];
    for (const k of Object.keys(out)) if (!(k in ordered)) ordered[k] = out[k];
    return ordered;
  });
}

/**
 * Projection `$elemMatch`: the first array element matching the condition. A condition of operators
 * (`{$eq: 88}`, `{$gte: 80, $lt: 90}`) applies to the element itself, as in a query's `$elemMatch`;
 * one naming fields (or `$and`/`$or`/`$nor`) applies to embedded documents. mingo knows only the latter.
 */
function $elemMatch(obj: AnyDoc, expr: AnyDoc, field: string, options: any): unknown {
  const arr = resolve(obj, field);
  if (!Array.isArray(arr) || !isObject(expr)) return undefined;
  const keys = Object.keys(expr);
  const onValue = keys.length > 0 && keys.every((k) => k.startsWith('$') && !['$and', '$or', '$nor', '$expr'].includes(k));
  const query = new Query(onValue ? { v: expr } : expr, options);
  const hit = arr.find((el) => (onValue ? query.test({ v: el }) : isObject(el) && query.test(el)));
  return hit === undefined ? undefined : [hit];
}

export const MINGO_OPTIONS = {
  scriptEnabled: false,
  context: Context.init({
    accumulator: accumulatorOps,
    expression: expressionOps,
    pipeline: { ...pipelineOps, $project } as any,
    projection: { ...projectionOps, $elemMatch } as any,
    query: { ...queryOps, ...pathValueOperators } as any,
    window: windowOps,
  } as any),
} as const;

/** mingo's `aggregate` with these operators. */
export function aggregate(docs: Record<string, any>[], pipeline: Record<string, any>[], options: Record<string, any> = MINGO_OPTIONS): Record<string, any>[] {
  return new Aggregator(pipeline, options).run(docs) as Record<string, any>[];
}
