import * as z from 'zod';
import { Id, Instant, StringMap, text } from './primitives';
import { NotificationTemplateKeys } from '../notify/templates';

export const TemplateKey = z.enum(NotificationTemplateKeys);

/** One-time subscriptions: each consent buys one send (DESIGN.md §6). */
export const Subscription = z.strictObject({
  userId: Id,
  template: TemplateKey,
  credits: z.number().int().min(0),
  updatedAt: Instant,
});
export type Subscription = z.infer<typeof Subscription>;

/** A message waiting to be sent: at-least-once, deduplicated per event and recipient. */
export const OutboxItem = z.strictObject({
  id: Id,
  dedupeKey: z.string().min(1).max(128).regex(/^[A-Za-z0-9_:-]+$/),
  template: TemplateKey,
  recipientId: Id,
  communityId: Id,
  wishId: Id.optional(),
  payload: StringMap,
  status: z.enum(['pending', 'sent', 'skipped', 'failed']),
  attempts: z.number().int().min(0),
  lastError: z.string().max(300).optional(),
  createdAt: Instant,
  sentAt: Instant.optional(),
});
export type OutboxItem = z.infer<typeof OutboxItem>;

/** Every message also lands here, whether or not WeChat delivered it. */
export const InboxItem = z.strictObject({
  id: Id,
  userId: Id,
  communityId: Id,
  template: TemplateKey,
  title: text(40),
  body: text(200),
  wishId: Id.optional(),
  read: z.boolean(),
  createdAt: Instant,
});
export type InboxItem = z.infer<typeof InboxItem>;
