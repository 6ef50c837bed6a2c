import { inboxTextOf, type NotificationTemplateKey } from '@shared';
import type { Collection, Db, Filter } from 'mongodb';
import { RETIRED } from './collections';
import { repositoriesOf } from './repositories';
import type { MessageDoc } from './types';

/*
 * Every message used to be two documents with one _id: the inbox line in `inbox` and its delivery
 * item in `outbox`, so each step paid two writes for its messages. They are one `messages` document
 * now. A database kept from before (the demo in .data/db, a deployed MongoDB) still holds its
 * messages in the old pair, and nothing reads it any more: without this the inbox would forget
 * everything said so far and the sends still due would never go out. So, at start-up, each pair is
 * folded into one message and the two old collections are dropped.
 *
 * Safe to interrupt and to run again, or from several processes at once (every cloud function
 * connects on its own): a message is inserted only where its _id is still missing, so a second run
 * adds nothing and never undoes what has happened to the message since (read, sent); and the old
 * collections are dropped only after everything in them is in `messages`, so a run that dies
 * midway is finished by the next start. With nothing left to fold it costs one listCollections.
 */

/** The two halves of a message as they were stored, read here once and nowhere else. */
interface LegacyInboxDoc {
  _id: string; dedupeKey: string; userId: string; communityId: string; template: NotificationTemplateKey;
  title: string; body: string; wishId?: string; read: boolean; createdAt: Date;
}
interface LegacyOutboxDoc {
  _id: string; dedupeKey: string; template: NotificationTemplateKey; recipientId: string; communityId: string; wishId?: string;
  payload: Record<string, string>; page?: string; status: MessageDoc['status']; attempts: number; lastError?: string;
  nextAttemptAt: Date; lockedUntil?: Date; createdAt: Date; sentAt?: Date;
}

const BATCH = 500;
/** An inbox line without a delivery item was never going to be sent: it stays in the inbox only. */
const NO_DELIVERY = '迁移时无发送记录，仅站内信';

/** Folds the old `inbox` and `outbox` into `messages` and drops them; returns the messages it added. */
export async function migrateInboxOutbox(db: Db): Promise<number> {
  const legacy = await db.listCollections({ name: { $in: [RETIRED.inbox, RETIRED.outbox] } }, { nameOnly: true }).toArray();
  if (legacy.length === 0) return 0;
  const { messages } = repositoriesOf(db);
  const inbox = db.collection<LegacyInboxDoc>(RETIRED.inbox);
  const outbox = db.collection<LegacyOutboxDoc>(RETIRED.outbox);
  let added = 0;
  for await (const lines of pages(inbox)) {
    const items = new Map((await outbox.find({ _id: { $in: lines.map((l) => l._id) } }).toArray()).map((o) => [o._id, o]));
    added += await messages.insertMissing(lines.map((l) => fromLine(l, items.get(l._id))));
  }
  // The two halves were written side by side, so a crash could keep the item and lose the line.
  for await (const items of pages(outbox)) {
    const ids = items.map((o) => o._id);
    const listed = new Set((await inbox.find({ _id: { $in: ids } }, { projection: { _id: 1 } }).toArray()).map((l) => l._id));
    added += await messages.insertMissing(items.filter((o) => !listed.has(o._id)).map(fromItem));
  }
  for (const { name } of legacy) await db.dropCollection(name);
  return added;
}

/**
 * A collection in _id order, a page per query rather than one long cursor: a twin process that
 * finishes first and drops the collection ends the walk (all of it is in `messages` by then)
 * instead of failing it. Message ids are strings (event id + hash), so one range covers them.
 */
async function* pages<T extends { _id: string }>(coll: Collection<T>): AsyncGenerator<T[]> {
  let after: string | null = null;
  for (;;) {
    const filter = (after === null ? {} : { _id: { $gt: after } }) as Filter<T>;
    const page = (await coll.find(filter).sort({ _id: 1 }).limit(BATCH).toArray()) as T[];
    if (page.length === 0) return;
    yield page;
    if (page.length < BATCH) return;
    after = page[page.length - 1]._id;
  }
}

function fromLine(line: LegacyInboxDoc, item: LegacyOutboxDoc | undefined): MessageDoc {
  const delivery = item
    ? deliveryOf(item)
    : { payload: {}, status: 'skipped' as const, attempts: 0, lastError: NO_DELIVERY, nextAttemptAt: line.createdAt };
  return defined({
    _id: line._id, dedupeKey: line.dedupeKey, userId: line.userId, communityId: line.communityId, template: line.template, wishId: line.wishId,
    title: line.title, body: line.body, read: line.read, createdAt: line.createdAt,
    ...delivery,
  });
}

/** The line is written again from the payload, as announceAll wrote it; never seen, so unread. */
function fromItem(item: LegacyOutboxDoc): MessageDoc {
  const { title, body } = inboxTextOf(item.template, item.payload);
  return defined({
    _id: item._id, dedupeKey: item.dedupeKey, userId: item.recipientId, communityId: item.communityId, template: item.template, wishId: item.wishId,
    title, body, read: false, createdAt: item.createdAt,
    ...deliveryOf(item),
  });
}

function deliveryOf(item: LegacyOutboxDoc) {
  const { payload, page, status, attempts, lastError, nextAttemptAt, lockedUntil, sentAt } = item;
  return { payload, page, status, attempts, lastError, nextAttemptAt, lockedUntil, sentAt };
}

/** Absent optional fields stay absent (not null) whatever the client's ignoreUndefined. */
function defined<T extends object>(doc: T): T {
  return Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined)) as T;
}
