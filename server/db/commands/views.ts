// Views (`create` with `viewOn` and `pipeline`): read-only collections whose documents are their source's
// run through the pipeline, evaluated on every read as MongoDB does. A view is kept as a namespace whose
// options hold its definition (journaled and snapshotted like any collection's options) and no documents.
import { Codes, DbError } from '../errors';
import { Doc, isPlainObject } from '../index/values';
import { Collection } from '../storage/collection';
import { CommandContext, Handler } from './context';

/** MongoDB's limit on views defined on views. */
const MAX_VIEW_DEPTH = 20;

export function isView(c: Collection | undefined): boolean {
  return !!c && typeof c.options.viewOn === 'string';
}

/** The definition a `create`/`collMod` gives, checked; refuses what MongoDB refuses. */
export function viewOptions(cmd: Doc): { viewOn: string; pipeline: Doc[] } {
  const { viewOn, pipeline = [] } = cmd;
  if (typeof viewOn !== 'string' || !viewOn) throw new DbError(Codes.TypeMismatch, "BSON field 'viewOn' is the wrong type, expected type 'string'");
  if (!Array.isArray(pipeline) || !pipeline.every((s) => isPlainObject(s) && Object.keys(s).length === 1)) {
    throw new DbError(Codes.TypeMismatch, "BSON field 'pipeline' is the wrong type, expected type 'array'");
  }
  for (const stage of pipeline) {
    const name = Object.keys(stage)[0];
    if (name === '$out' || name === '$merge') throw new DbError(Codes.OptionNotSupportedOnView, `${name} cannot be used in a view definition`);
  }
  return { viewOn, pipeline };
}

/**
 * The collection a namespace's documents come from and the pipeline they go through first; for a plain
 * collection (or none) the namespace itself and no pipeline.
 */
export function resolveView(ctx: CommandContext, ns: string): { ns: string; pipeline: Doc[]; isView: boolean } {
  let pipeline: Doc[] = [];
  let current = ns;
  for (let depth = 0; ; depth++) {
    const c = ctx.view.collection(current);
    if (!isView(c)) return { ns: current, pipeline, isView: current !== ns };
    if (depth >= MAX_VIEW_DEPTH) throw new DbError(Codes.ViewDepthLimitExceeded, `View depth too deep or view cycle detected; maximum depth is ${MAX_VIEW_DEPTH}`);
    pipeline = [...(c!.options.pipeline as Doc[]), ...pipeline];
    current = `${c!.db}.${c!.options.viewOn}`;
  }
}

export function notOnView(ns: string): DbError {
  return new DbError(Codes.CommandNotSupportedOnView, `Namespace ${ns} is a view, not a collection`);
}

/** A handler for collections only (writes, indexes, validation): on a view, MongoDB's refusal. */
export function collectionOnly(name: string, handler: Handler): Handler {
  return (cmd, ctx) => {
    const target = cmd[name];
    if (typeof target === 'string' && isView(ctx.view.collection(`${ctx.db}.${target}`))) throw notOnView(`${ctx.db}.${target}`);
    return handler(cmd, ctx);
  };
}
