import type { Filter } from 'mongodb';

/** Cursor pagination over ObjectId-ordered ids: newest first, `cursor` is the last id seen. */
export function pageFilter<T>(cursor?: string): Filter<T> {
  return (cursor ? { _id: { $lt: cursor } } : {}) as Filter<T>;
}

export function nextCursor<T extends { _id: string }>(items: T[], limit: number): string | undefined {
  return items.length === limit ? items[items.length - 1]._id : undefined;
}
