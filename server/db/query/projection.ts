// find-style projection through mingo (supports inclusion/exclusion, $slice, $elemMatch, positional).
import { Query } from 'mingo';
import { toDbError } from '../errors';
import { Doc, isPlainObject } from '../index/values';
import { MINGO_OPTIONS } from './mingoOptions';

export function applyProjection(docs: Doc[], projection: Doc | undefined | null, filter?: Doc): Doc[] {
  if (!projection || !isPlainObject(projection) || !Object.keys(projection).length) return docs;
  const positional = Object.keys(projection).some((k) => k.endsWith('.$'));
  try {
    return new Query(positional && filter ? filter : {}, MINGO_OPTIONS).find<Doc>(docs, projection).all();
  } catch (e) {
    throw toDbError(e);
  }
}
