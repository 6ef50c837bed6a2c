import type { RedemptionStatus } from '@shared';
import type { Collection } from 'mongodb';

/** A shelf item of a community's 爱心超市. */
export interface StoreItemDoc {
  _id: string;
  communityId: string;
  name: string;
  description?: string;
  cost: number;
  /** Never below zero: a redemption takes one only where one is left (`takeOne`). */
  stock: number;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** One redemption: the code the helper shows, good once. */
export interface RedemptionDoc {
  _id: string;
  code: string;
  communityId: string;
  userId: string;
  holderName: string;
  itemId: string;
  itemName: string;
  cost: number;
  status: RedemptionStatus;
  createdAt: Date;
  fulfilledAt?: Date;
  fulfilledBy?: string;
  cancelledAt?: Date;
  cancelledBy?: string;
}

export type ItemFields = Pick<StoreItemDoc, 'name' | 'description' | 'cost' | 'stock' | 'active'>;

/** The shelf and the redemptions made from it. */
export class StoreRepository {
  constructor(
    private readonly items: Collection<StoreItemDoc>,
    private readonly redemptions: Collection<RedemptionDoc>,
  ) {}

  item(id: string): Promise<StoreItemDoc | null> {
    return this.items.findOne({ _id: id });
  }

  itemsOf(communityId: string, includeInactive: boolean): Promise<StoreItemDoc[]> {
    return this.items.find({ communityId, ...(includeInactive ? {} : { active: true }) }).sort({ cost: 1, _id: 1 }).limit(200).toArray();
  }

  async insertItem(doc: StoreItemDoc): Promise<void> {
    await this.items.insertOne(doc);
  }

  /** Staff's edit of an item of their community; null when there is no such item there. */
  updateItem(id: string, communityId: string, fields: ItemFields, now: Date): Promise<StoreItemDoc | null> {
    const { description, ...rest } = fields;
    return this.items.findOneAndUpdate(
      { _id: id, communityId },
      { $set: { ...rest, updatedAt: now, ...(description !== undefined ? { description } : {}) }, ...(description === undefined ? { $unset: { description: '' } } : {}) },
      { returnDocument: 'after' },
    );
  }

  /** Takes one off the shelf if one is left and the item is on offer: false otherwise, and nothing changed. */
  async takeOne(itemId: string): Promise<boolean> {
    const { modifiedCount } = await this.items.updateOne({ _id: itemId, active: true, stock: { $gte: 1 } }, { $inc: { stock: -1 } });
    return modifiedCount === 1;
  }

  async putBack(itemId: string): Promise<void> {
    await this.items.updateOne({ _id: itemId }, { $inc: { stock: 1 } });
  }

  async insertRedemption(doc: RedemptionDoc): Promise<void> {
    await this.redemptions.insertOne(doc);
  }

  redemption(id: string): Promise<RedemptionDoc | null> {
    return this.redemptions.findOne({ _id: id });
  }

  byCode(code: string): Promise<RedemptionDoc | null> {
    return this.redemptions.findOne({ code });
  }

  ofHolder(communityId: string, userId: string, limit = 50): Promise<RedemptionDoc[]> {
    return this.redemptions.find({ communityId, userId }).sort({ createdAt: -1, _id: -1 }).limit(limit).toArray();
  }

  /** pending → fulfilled or cancelled, only from pending: a code is good once, and a handed-over item is not refunded. */
  settle(id: string, to: 'fulfilled' | 'cancelled', by: string, at: Date): Promise<RedemptionDoc | null> {
    const set = to === 'fulfilled' ? { status: to, fulfilledAt: at, fulfilledBy: by } : { status: to, cancelledAt: at, cancelledBy: by };
    return this.redemptions.findOneAndUpdate({ _id: id, status: 'pending' }, { $set: set }, { returnDocument: 'after' });
  }
}
