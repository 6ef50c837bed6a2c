import { createHash } from 'node:crypto';
import { composeMessage, inboxTextOf, type NotificationTemplateKey } from '@shared';
import { MongoBulkWriteError, type AnyBulkWriteOperation, type Collection, type Filter } from 'mongodb';
import { collections } from './store/collections';
import { PERMANENT_ERRORS } from './notifier';
import type { MessageDoc, Runtime } from './types';

export interface Announcement {
  template: NotificationTemplateKey;
  /** The event this message announces: with the recipient it makes the dedupe key. */
  eventId: string;
  communityId: string;
  wishId?: string;
  values: Record<string, string>;
  page?: string;
}

const MAX_ATTEMPTS = 5;
const SEND_LOCK_MS = 60_000;
const DUPLICATE_KEY = 11000;

/**
 * Writes each recipient's message: their inbox line and the subscribe message queued for it.
 * Keyed by event and recipient, so repeating it (a retry, a second cron) adds nothing.
 */
export async function announce(rt: Runtime, a: Announcement, recipientIds: Iterable<string>): Promise<void> {
  await announceAll(rt, [{ announcement: a, recipientIds }]);
}

/**
 * Several announcements (of one event) in one write: a crash leaves all of the event's messages
 * or none, which is what the repair looks for. Returns the messages new to `messages`.
 */
export async function announceAll(rt: Runtime, items: { announcement: Announcement; recipientIds: Iterable<string> }[]): Promise<number> {
  const { messages } = collections(rt.db);
  const now = rt.now();
  const ops: AnyBulkWriteOperation<MessageDoc>[] = [];
  for (const { announcement: a, recipientIds } of items) {
    const recipients = [...new Set(recipientIds)];
    if (recipients.length === 0) continue;
    // WeChat's field limits (thing ≤ 20 …) are applied once, here, by shared/notify.
    const data = composeMessage(a.template, a.values);
    const { title, body } = inboxTextOf(a.template, data);
    for (const userId of recipients) {
      const dedupeKey = `${a.eventId}:${userId}:${a.template}`;
      // The id is derived from the key (event first, so ids sort by time): a second write of the same message is a no-op upsert.
      const _id = messageId(a.eventId, userId, a.template);
      ops.push({
        updateOne: {
          filter: { _id },
          update: {
            $setOnInsert: {
              dedupeKey, userId, communityId: a.communityId, template: a.template, ...(a.wishId ? { wishId: a.wishId } : {}),
              title, body, read: false, createdAt: now,
              payload: a.values, ...(a.page ? { page: a.page } : {}), status: 'pending', attempts: 0, nextAttemptAt: now,
            },
          },
          upsert: true,
        },
      });
    }
  }
  if (ops.length === 0) return 0;
  // One round trip whatever the number of recipients.
  return upsertNew(messages, ops);
}

/**
 * How many of the upserts inserted. Two writers of one message at once (an action and the repair,
 * two migrating processes): the loser's insert is a duplicate, which is the point, not an error.
 */
export async function upsertNew(coll: Collection<MessageDoc>, ops: AnyBulkWriteOperation<MessageDoc>[]): Promise<number> {
  try {
    return (await coll.bulkWrite(ops, { ordered: false })).upsertedCount;
  } catch (err) {
    const errors = err instanceof MongoBulkWriteError ? [err.writeErrors].flat() : [];
    if (errors.length === 0 || errors.some((e) => e.code !== DUPLICATE_KEY) || (err as MongoBulkWriteError).err) throw err;
    return (err as MongoBulkWriteError).result.upsertedCount;
  }
}

/** The range of message ids of one event: every id starts with the event's id. */
export function messagesOfEvent(eventId: string): { $gte: string; $lt: string } {
  return { $gte: eventId, $lt: `${eventId}~` };
}

/** An id the shared `Id` schema accepts: the event's ObjectId hex plus a short hash of recipient and template. */
function messageId(eventId: string, userId: string, template: string): string {
  return `${eventId}${createHash('sha1').update(`${userId}:${template}`).digest('hex').slice(0, 12)}`;
}

export interface DrainResult { sent: number; skipped: number; failed: number; retried: number }

/**
 * Sends what is due, up to `max` a run. Each item is taken by one conditional update, so two
 * drains at once never send the same item; an item whose sender died is taken again after its lock.
 */
export async function drainOutbox(rt: Runtime, max = 200): Promise<DrainResult> {
  const { messages, users, subscriptions } = collections(rt.db);
  const result: DrainResult = { sent: 0, skipped: 0, failed: 0, retried: 0 };
  // Due: waiting for its time, or taken by a sender that died before its lock ran out.
  const due = (now: Date): Filter<MessageDoc>[] => [{ status: 'pending', nextAttemptAt: { $lte: now } }, { status: 'sending', lockedUntil: { $lt: now } }];
  // Read once, then each taken by _id: a take costs one lookup, not another walk of a backlog.
  const ids = (await messages.find({ $or: due(rt.now()) }, { projection: { _id: 1 } }).limit(max).toArray()).map((m) => m._id);
  for (const id of ids) {
    const now = rt.now();
    // Still due when taken: a twin drain that took it first leaves nothing to take.
    const item = await messages.findOneAndUpdate(
      { _id: id, $or: due(now) },
      { $set: { status: 'sending', lockedUntil: new Date(now.getTime() + SEND_LOCK_MS) }, $inc: { attempts: 1 } },
      // The inbox text stays behind: the send composes its own from the payload.
      { returnDocument: 'after', projection: { userId: 1, template: 1, payload: 1, page: 1, attempts: 1 } },
    );
    if (!item) continue;
    const finish = (status: 'sent' | 'skipped' | 'failed', lastError?: string) =>
      messages.updateOne(
        { _id: item._id, status: 'sending' },
        { $set: { status, ...(status === 'sent' ? { sentAt: rt.now() } : {}), ...(lastError ? { lastError } : {}) }, $unset: { lockedUntil: '' } },
      );

    const templateId = rt.config.templateIds[item.template];
    // No template configured: inbox only, and no need to look the person up.
    const user = templateId ? await users.findOne({ _id: item.userId }, { projection: { openid: 1 } }) : null;
    if (!templateId || !user?.openid) {
      await finish('skipped', !templateId ? '未配置模板，仅站内信' : '用户未绑定微信，仅站内信');
      result.skipped++;
      continue;
    }
    // One consent buys one send (WeChat one-time subscriptions).
    const subId = `${item.userId}:${item.template}`;
    const credit = await subscriptions.findOneAndUpdate({ _id: subId, credits: { $gt: 0 } }, { $inc: { credits: -1 }, $set: { updatedAt: now } });
    if (!credit) {
      await finish('skipped', '用户未订阅此消息，仅站内信');
      result.skipped++;
      continue;
    }
    const reply = await rt.notifier
      .send({ openid: user.openid, templateId, page: item.page, data: composeMessage(item.template, item.payload), miniprogramState: rt.config.miniprogramState })
      .catch((err: unknown) => ({ ok: false as const, errCode: -1, errMsg: String((err as Error)?.message ?? err).slice(0, 200) }));
    if (reply.ok) {
      await finish('sent');
      result.sent++;
    } else if (PERMANENT_ERRORS[reply.errCode]) {
      // 43101: WeChat says the user has no subscription left: our counter was wrong, believe WeChat.
      if (reply.errCode === 43101) await subscriptions.updateOne({ _id: subId }, { $set: { credits: 0, updatedAt: now } });
      await finish('failed', `${reply.errCode} ${reply.errMsg}`.slice(0, 300));
      result.failed++;
    } else {
      await subscriptions.updateOne({ _id: subId }, { $inc: { credits: 1 } });
      const last = item.attempts >= MAX_ATTEMPTS;
      const backoffMs = 30_000 * 2 ** item.attempts;
      await messages.updateOne(
        { _id: item._id, status: 'sending' },
        {
          $set: { status: last ? 'failed' : 'pending', nextAttemptAt: new Date(now.getTime() + backoffMs), lastError: `${reply.errCode} ${reply.errMsg}`.slice(0, 300) },
          $unset: { lockedUntil: '' },
        },
      );
      if (last) result.failed++;
      else result.retried++;
    }
  }
  return result;
}
