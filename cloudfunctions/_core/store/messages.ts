import type { InboxItem } from '@shared';
import { MongoBulkWriteError, type AnyBulkWriteOperation, type Collection, type Filter } from 'mongodb';

import type { MessageDoc } from './types';

const DUPLICATE_KEY = 11000;

/** What a person sees of a message (shared InboxItem): the delivery state is the server's business. */
const INBOX_FIELDS = {
  userId: 1, communityId: 1, template: 1, title: 1, body: 1, wishId: 1, page: 1, read: 1, createdAt: 1,
} as const satisfies Record<Exclude<keyof InboxItem, 'id'>, 1>;
export type InboxLine = Pick<MessageDoc, '_id' | 'payload' | keyof typeof INBOX_FIELDS>;

/** A page of the inbox ends at a message: its time and id (ids alone need not follow the times: a seed plays the past). */
function inboxCursor(line: InboxLine): string {
  return `${new Date(line.createdAt).getTime()}:${line._id}`;
}

function afterCursor(cursor: string | undefined): Filter<MessageDoc> {
  const m = cursor ? /^(\d+):([A-Za-z0-9]+)$/.exec(cursor) : null;
  if (!m) return cursor ? { _id: { $lt: cursor } } : {};
  const at = new Date(Number(m[1]));
  return { $or: [{ createdAt: { $lt: at } }, { createdAt: at, _id: { $lt: m[2] } }] };
}

/** What a send needs of a taken message: the inbox text stays behind, the send composes its own from the payload. */
const SEND_FIELDS = { userId: 1, template: 1, payload: 1, page: 1, attempts: 1 } as const;
export type Outgoing = Pick<MessageDoc, '_id' | keyof typeof SEND_FIELDS>;

/** Due: waiting for its time, or taken by a sender that died before its lock ran out. */
const due = (now: Date): Filter<MessageDoc>[] => [{ status: 'pending', nextAttemptAt: { $lte: now } }, { status: 'sending', lockedUntil: { $lt: now } }];

/** Messages: a person's inbox and the subscribe messages the outbox job sends for the same documents. */
export class MessageRepository {
  constructor(private readonly coll: Collection<MessageDoc>) {}

  /** A page of a person's inbox, newest first by when it happened (only their unread ones on request), with the values it says. */
  async inbox(userId: string, q: { cursor?: string; limit: number; unreadOnly?: boolean }): Promise<{ items: InboxLine[]; nextCursor?: string }> {
    const filter: Filter<MessageDoc> = { userId, ...afterCursor(q.cursor) };
    if (q.unreadOnly) filter.read = false;
    const items = await this.coll.find<InboxLine>(filter, { projection: { ...INBOX_FIELDS, payload: 1 } }).sort({ createdAt: -1, _id: -1 }).limit(q.limit).toArray();
    return { items, nextCursor: items.length === q.limit ? inboxCursor(items[items.length - 1]) : undefined };
  }

  unreadCount(userId: string): Promise<number> {
    return this.coll.countDocuments({ userId, read: false });
  }

  /** Marks these (or all) of a person's unread messages read; ids of others' messages match nothing. Returns how many changed. */
  async markRead(userId: string, ids: string[] | 'all'): Promise<number> {
    const filter: Filter<MessageDoc> = ids === 'all' ? { userId, read: false } : { userId, read: false, _id: { $in: ids } };
    return (await this.coll.updateMany(filter, { $set: { read: true } })).modifiedCount;
  }

  /**
   * Inserts the messages whose _id is still missing, in one round trip, and leaves any already
   * there as they are (read, sent since); returns how many it added. Two writers of one message at
   * once (an action and the repair, two migrating processes): the loser's insert is a duplicate,
   * which is the point, not an error.
   */
  async insertMissing(docs: MessageDoc[]): Promise<number> {
    if (docs.length === 0) return 0;
    const ops = docs.map(({ _id, ...fields }): AnyBulkWriteOperation<MessageDoc> => ({
      updateOne: { filter: { _id }, update: { $setOnInsert: fields }, upsert: true },
    }));
    try {
      return (await this.coll.bulkWrite(ops, { ordered: false })).upsertedCount;
    } catch (err) {
      const errors = err instanceof MongoBulkWriteError ? [err.writeErrors].flat() : [];
      if (errors.length === 0 || errors.some((e) => e.code !== DUPLICATE_KEY) || (err as MongoBulkWriteError).err) throw err;
      return (err as MongoBulkWriteError).result.upsertedCount;
    }
  }

  /**
   * Whether any message of the event exists: its messages are written in one go, so one means all.
   * Message ids start with their event's id, so this is one indexed range read.
   */
  async anyOfEvent(eventId: string): Promise<boolean> {
    return (await this.coll.findOne({ _id: { $gte: eventId, $lt: `${eventId}~` } }, { projection: { _id: 1 } })) !== null;
  }

  /** Up to `max` ids of messages due for sending. Ids only: each is then taken by _id, a lookup rather than another walk of a backlog. */
  async dueIds(now: Date, max: number): Promise<string[]> {
    return (await this.coll.find({ $or: due(now) }, { projection: { _id: 1 } }).limit(max).toArray()).map((m) => m._id);
  }

  /** How many messages are due and unsent (the /metrics outbox backlog); both halves of `due` are index ranges. */
  backlog(now: Date): Promise<number> {
    return this.coll.countDocuments({ $or: due(now) });
  }

  /**
   * Takes a message for sending, locked until `lockedUntil`, if it is still due: a twin drain that
   * took it first leaves nothing to take (null), so no message is sent twice at once.
   */
  take(id: string, now: Date, lockedUntil: Date): Promise<Outgoing | null> {
    return this.coll.findOneAndUpdate(
      { _id: id, $or: due(now) },
      { $set: { status: 'sending', lockedUntil }, $inc: { attempts: 1 } },
      { returnDocument: 'after', projection: SEND_FIELDS },
    );
  }

  /** Ends a taken message's delivery: sent (at `at`), skipped or failed for good. */
  async finish(id: string, status: 'sent' | 'skipped' | 'failed', at: Date, lastError?: string): Promise<void> {
    await this.coll.updateOne(
      { _id: id, status: 'sending' },
      { $set: { status, ...(status === 'sent' ? { sentAt: at } : {}), ...(lastError ? { lastError } : {}) }, $unset: { lockedUntil: '' } },
    );
  }

  /** Puts a taken message back to wait until `nextAttemptAt`, or fails it when it has had its last attempt. */
  async retryLater(id: string, last: boolean, nextAttemptAt: Date, lastError: string): Promise<void> {
    await this.coll.updateOne(
      { _id: id, status: 'sending' },
      { $set: { status: last ? 'failed' : 'pending', nextAttemptAt, lastError }, $unset: { lockedUntil: '' } },
    );
  }
}
