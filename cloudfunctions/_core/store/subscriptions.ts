import type { NotificationTemplateKey } from '@shared';
import type { Collection } from 'mongodb';
import type { SubscriptionDoc } from './types';

/** One record per person and template, so a consent and its spending meet on one _id. */
const idOf = (userId: string, template: NotificationTemplateKey) => `${userId}:${template}`;

/** Consents to WeChat one-time subscribe messages: each accepted request buys one send. */
export class SubscriptionRepository {
  constructor(private readonly coll: Collection<SubscriptionDoc>) {}

  /** Records one answer of wx.requestSubscribeMessage; returns the credits the person now holds. */
  async record(userId: string, template: NotificationTemplateKey, accepted: boolean, at: Date): Promise<number> {
    const after = await this.coll.findOneAndUpdate(
      { _id: idOf(userId, template) },
      { $inc: { credits: accepted ? 1 : 0 }, $set: { updatedAt: at }, $setOnInsert: { userId, template } },
      { upsert: true, returnDocument: 'after' },
    );
    return after?.credits ?? 0;
  }

  /** Spends one credit; false when there is none (no send then). */
  async spend(userId: string, template: NotificationTemplateKey, at: Date): Promise<boolean> {
    const before = await this.coll.findOneAndUpdate({ _id: idOf(userId, template), credits: { $gt: 0 } }, { $inc: { credits: -1 }, $set: { updatedAt: at } });
    return before !== null;
  }

  /** Gives back a credit spent on a send that did not happen. */
  async refund(userId: string, template: NotificationTemplateKey): Promise<void> {
    await this.coll.updateOne({ _id: idOf(userId, template) }, { $inc: { credits: 1 } });
  }

  /** WeChat says none are left: our count was wrong, and WeChat's is the one that counts. */
  async clear(userId: string, template: NotificationTemplateKey, at: Date): Promise<void> {
    await this.coll.updateOne({ _id: idOf(userId, template) }, { $set: { credits: 0, updatedAt: at } });
  }

  /** Up to `limit` people holding a credit for this template. */
  async holders(template: NotificationTemplateKey, limit: number): Promise<string[]> {
    const subs = await this.coll.find({ template, credits: { $gt: 0 } }, { projection: { userId: 1 } }).limit(limit).toArray();
    return subs.map((s) => s.userId);
  }
}
