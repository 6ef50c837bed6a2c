import { createHash } from 'node:crypto';
import { composeMessage, inboxTextOf, type NotificationTemplateKey } from '@shared';
import { PERMANENT_ERRORS } from '../runtime/notifier';
import type { MessageDoc } from '../store/types';
import type { Runtime } from '../runtime/types';

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
  const now = rt.now();
  const docs: MessageDoc[] = [];
  for (const { announcement: a, recipientIds } of items) {
    const recipients = [...new Set(recipientIds)];
    if (recipients.length === 0) continue;
    // The inbox line is a sentence of the whole values; the send cuts them to WeChat's limits from the payload.
    const { title, body } = inboxTextOf(a.template, a.values);
    for (const userId of recipients) {
      docs.push({
        // The id is derived from the key (event first, so ids sort by time): a second write of the same message adds nothing.
        _id: messageId(a.eventId, userId, a.template),
        dedupeKey: `${a.eventId}:${userId}:${a.template}`, userId, communityId: a.communityId, template: a.template, ...(a.wishId ? { wishId: a.wishId } : {}),
        title, body, read: false, createdAt: now,
        payload: a.values, ...(a.page ? { page: a.page } : {}), status: 'pending', attempts: 0, nextAttemptAt: now,
      });
    }
  }
  // One round trip whatever the number of recipients.
  return rt.repos.messages.insertMissing(docs);
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
  const { messages, users, subscriptions } = rt.repos;
  const result: DrainResult = { sent: 0, skipped: 0, failed: 0, retried: 0 };
  // Read once, then each taken by _id: a take costs one lookup, not another walk of a backlog.
  const ids = await messages.dueIds(rt.now(), max);
  for (const id of ids) {
    const now = rt.now();
    const item = await messages.take(id, now, new Date(now.getTime() + SEND_LOCK_MS));
    if (!item) continue;
    const finish = (status: 'sent' | 'skipped' | 'failed', lastError?: string) => messages.finish(item._id, status, rt.now(), lastError);

    const templateId = rt.config.templateIds[item.template];
    // No template configured: inbox only, and no need to look the person up.
    const openid = templateId ? await users.openidOf(item.userId) : undefined;
    if (!templateId || !openid) {
      await finish('skipped', !templateId ? '未配置模板，仅站内信' : '用户未绑定微信，仅站内信');
      result.skipped++;
      continue;
    }
    // One consent buys one send (WeChat one-time subscriptions).
    if (!(await subscriptions.spend(item.userId, item.template, now))) {
      await finish('skipped', '用户未订阅此消息，仅站内信');
      result.skipped++;
      continue;
    }
    const reply = await rt.notifier
      .send({ openid, templateId, page: item.page, data: composeMessage(item.template, item.payload), miniprogramState: rt.config.miniprogramState })
      .catch((err: unknown) => ({ ok: false as const, errCode: -1, errMsg: String((err as Error)?.message ?? err).slice(0, 200) }));
    if (reply.ok) {
      await finish('sent');
      result.sent++;
    } else if (PERMANENT_ERRORS[reply.errCode]) {
      // 43101: WeChat says the user has no subscription left: our counter was wrong, believe WeChat.
      if (reply.errCode === 43101) await subscriptions.clear(item.userId, item.template, now);
      await finish('failed', `${reply.errCode} ${reply.errMsg}`.slice(0, 300));
      result.failed++;
    } else {
      await subscriptions.refund(item.userId, item.template);
      const last = item.attempts >= MAX_ATTEMPTS;
      const backoffMs = 30_000 * 2 ** item.attempts;
      await messages.retryLater(item._id, last, new Date(now.getTime() + backoffMs), `${reply.errCode} ${reply.errMsg}`.slice(0, 300));
      if (last) result.failed++;
      else result.retried++;
    }
  }
  return result;
}
