import * as z from 'zod';
import { Id, Instant, StringMap, text } from './primitives';
import { NotificationTemplateKeys } from '../notify/templates';

export const TemplateKey = z.enum(NotificationTemplateKeys);

/** One-time subscriptions: each consent buys one send: WeChat lets a mini-program send one subscribe message per tap of consent. */
export const Subscription = z.strictObject({
  userId: Id,
  template: TemplateKey,
  credits: z.number().int().min(0),
  updatedAt: Instant,
});
export type Subscription = z.infer<typeof Subscription>;

/**
 * One message to one person about one event: the line in their inbox and the subscribe message
 * sent for it (at-least-once, deduplicated per event, recipient and template). Stored as one
 * document, so a step writes all its messages at once.
 */
export const Message = z.strictObject({
  id: Id,
  dedupeKey: z.string().min(1).max(128).regex(/^[A-Za-z0-9_:-]+$/),
  userId: Id,
  communityId: Id,
  template: TemplateKey,
  wishId: Id.optional(),
  title: text(40),
  body: text(200, { multiline: true }),
  read: z.boolean(),
  createdAt: Instant,
  payload: StringMap,
  status: z.enum(['pending', 'sending', 'sent', 'skipped', 'failed']),
  attempts: z.number().int().min(0),
  lastError: z.string().max(300).optional(),
  /** The page the subscribe message opens (shared/routes). */
  page: z.string().max(256).optional(),
  /** Delivery: when the drain may try again, and who holds it while sending. */
  nextAttemptAt: Instant,
  lockedUntil: Instant.optional(),
  sentAt: Instant.optional(),
});
export type Message = z.infer<typeof Message>;

/** What a person sees of a message, whether or not WeChat delivered it: never its delivery state. The page is the one its subscribe message opens. */
export const InboxItem = Message.pick({
  id: true, userId: true, communityId: true, template: true, title: true, body: true, wishId: true, page: true, read: true, createdAt: true,
});
export type InboxItem = z.infer<typeof InboxItem>;
