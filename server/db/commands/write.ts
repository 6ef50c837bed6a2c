// insert / update / delete / findAndModify. Each runs start to finish without yielding.
import { ObjectId } from 'bson';
import { Codes, DbError, toDbError } from '../errors';
import { Doc, isPlainObject } from '../index/values';
import { letVariables, runQuery } from '../query/execute';
import { applyProjection } from '../query/projection';
import { Command, LARGEST_DOCUMENT, MAX_BSON_OBJECT_SIZE } from '../wire/messages';
import { CommandContext, Handler } from './context';
import { applyUpdate, checkId, checkSize, sameDoc, upsertDoc } from './updates';

const nsOf = (cmd: Doc, name: string, ctx: CommandContext) => {
  const coll = cmd[name];
  if (typeof coll !== 'string' || !coll) throw new DbError(Codes.InvalidNamespace, `Invalid namespace specified '${ctx.db}.${coll}'`);
  return `${ctx.db}.${coll}`;
};

function writeReply(n: number, errors: Doc[], extra: Doc = {}): Doc {
  return { n, ...extra, ...(errors.length ? { writeErrors: errors } : {}), ok: 1 };
}

/** One statement's failure: inside a transaction it aborts the command, otherwise it is reported by index. */
function writeErrorOf(e: unknown, ctx: Parameters<Handler>[1], i: number): Doc {
  const err = toDbError(e);
  if (ctx.txn) throw err;
  return err.toWriteError(i);
}

/**
 * Whether the command's documents are small enough that none can be over the BSON limit as stored. A
 * decoded document re-encodes to at most about twice its received size (a regex's slashes escaped, a
 * DBPointer become a DBRef) plus the `_id` an insert may add, so a quarter of the limit leaves room.
 */
function documentsFit(cmd: Doc): boolean {
  const largest = (cmd as Command)[LARGEST_DOCUMENT];
  return largest !== undefined && largest <= MAX_BSON_OBJECT_SIZE / 4;
}

const insert: Handler = (cmd, ctx) => {
  const ns = nsOf(cmd, 'insert', ctx);
  const docs: Doc[] = cmd.documents ?? [];
  if (!Array.isArray(docs)) throw new DbError(Codes.TypeMismatch, 'documents must be an array');
  const ordered = cmd.ordered !== false;
  const measure = !documentsFit(cmd);
  const errors: Doc[] = [];
  let n = 0;
  for (let i = 0; i < docs.length; i++) {
    try {
      let doc = docs[i];
      if (!isPlainObject(doc)) throw new DbError(Codes.TypeMismatch, 'document must be an object');
      if (doc._id === undefined) doc = { _id: new ObjectId(), ...doc };
      else if (Object.keys(doc)[0] !== '_id') doc = { _id: doc._id, ...doc };
      checkId(doc);
      if (measure) checkSize(doc);
      ctx.writer.insert(ns, doc);
      n++;
    } catch (e) {
      errors.push(writeErrorOf(e, ctx, i));
      if (ordered) break;
    }
  }
  return writeReply(n, errors);
};

const update: Handler = (cmd, ctx) => {
  const ns = nsOf(cmd, 'update', ctx);
  const specs: Doc[] = cmd.updates ?? [];
  // sort in an update statement arrived with MongoDB 8.0; the 7.0 we report rejects the field.
  if (specs.some((s) => isPlainObject(s) && 'sort' in s)) throw new DbError(Codes.Location40415, "BSON field 'update.updates.sort' is an unknown field.");
  const variables = letVariables(cmd.let);
  const ordered = cmd.ordered !== false;
  const errors: Doc[] = [];
  const upserted: Doc[] = [];
  let n = 0;
  let nModified = 0;
  for (let i = 0; i < specs.length; i++) {
    try {
      const { q = {}, u, upsert, multi, arrayFilters } = specs[i];
      if (multi && !Array.isArray(u) && isPlainObject(u) && Object.keys(u).length && !Object.keys(u)[0].startsWith('$')) {
        throw new DbError(Codes.FailedToParse, 'multi update is not supported for replacement-style update');
      }
      const coll = ctx.view.collection(ns);
      const matches = runQuery(ctx.view, coll, q, { limit: multi ? 0 : 1, variables });
      if (matches.length === 0 && upsert) {
        const doc = upsertDoc(q, u, arrayFilters, variables);
        ctx.writer.insert(ns, doc);
        n++;
        upserted.push({ index: i, _id: doc._id });
        continue;
      }
      for (const before of matches) {
        const after = applyUpdate(before, u, { arrayFilters, query: q, variables });
        n++;
        if (sameDoc(before, after)) continue;
        ctx.writer.replace(ns, before, after);
        nModified++;
      }
    } catch (e) {
      errors.push(writeErrorOf(e, ctx, i));
      if (ordered) break;
    }
  }
  return writeReply(n, errors, { nModified, ...(upserted.length ? { upserted } : {}) });
};

const del: Handler = (cmd, ctx) => {
  const ns = nsOf(cmd, 'delete', ctx);
  const specs: Doc[] = cmd.deletes ?? [];
  const variables = letVariables(cmd.let);
  const ordered = cmd.ordered !== false;
  const errors: Doc[] = [];
  let n = 0;
  for (let i = 0; i < specs.length; i++) {
    try {
      const { q = {}, limit } = specs[i];
      const coll = ctx.view.collection(ns);
      for (const doc of runQuery(ctx.view, coll, q, { limit: limit === 1 ? 1 : 0, variables })) {
        ctx.writer.remove(ns, doc);
        n++;
      }
    } catch (e) {
      errors.push(writeErrorOf(e, ctx, i));
      if (ordered) break;
    }
  }
  return writeReply(n, errors);
};

function project(doc: Doc | null, fields: Doc | undefined): Doc | null {
  return doc ? applyProjection([doc], fields)[0] : null;
}

const findAndModify: Handler = (cmd, ctx) => {
  const ns = nsOf(cmd, Object.keys(cmd)[0], ctx);
  const { query = {}, sort, remove, update: u, upsert, fields, arrayFilters } = cmd;
  const returnNew = !!cmd.new;
  if (remove && u !== undefined) throw new DbError(Codes.FailedToParse, 'Cannot specify both an update and remove=true');
  if (!remove && u === undefined) throw new DbError(Codes.FailedToParse, 'Either an update or remove=true must be specified');
  if (remove && upsert) throw new DbError(Codes.FailedToParse, 'Cannot specify both upsert=true and remove=true');
  const variables = letVariables(cmd.let);
  const coll = ctx.view.collection(ns);
  const [before] = runQuery(ctx.view, coll, query, { sort, limit: 1, variables });
  if (remove) {
    if (before) ctx.writer.remove(ns, before);
    return { lastErrorObject: { n: before ? 1 : 0 }, value: project(before ?? null, fields), ok: 1 };
  }
  if (!before) {
    if (!upsert) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
    const doc = upsertDoc(query, u, arrayFilters, variables);
    ctx.writer.insert(ns, doc);
    return { lastErrorObject: { n: 1, updatedExisting: false, upserted: doc._id }, value: returnNew ? project(doc, fields) : null, ok: 1 };
  }
  const after = applyUpdate(before, u, { arrayFilters, query, variables });
  if (!sameDoc(before, after)) ctx.writer.replace(ns, before, after);
  return { lastErrorObject: { n: 1, updatedExisting: true }, value: project(returnNew ? after : before, fields), ok: 1 };
};

export const writeCommands: Record<string, Handler> = {
  insert,
  update,
  delete: del,
  findAndModify,
  findandmodify: findAndModify,
};
