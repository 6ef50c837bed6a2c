import type { DutyRoster } from '@shared';
import type { Collection } from 'mongodb';
import type { DutyDoc } from './collections';

const NONE: DutyRoster = { slots: [], urgentAlerts: false };

/** Duty rosters: when each helper can be called on, and whether urgent wishes reach them at once. */
export class DutyRepository {
  constructor(private readonly coll: Collection<DutyDoc>) {}

  async of(userId: string): Promise<DutyRoster> {
    const doc = await this.coll.findOne({ _id: userId });
    return doc ? { slots: doc.slots, urgentAlerts: doc.urgentAlerts } : NONE;
  }

  async set(userId: string, roster: DutyRoster, at: Date): Promise<void> {
    await this.coll.updateOne({ _id: userId }, { $set: { slots: roster.slots, urgentAlerts: roster.urgentAlerts, updatedAt: at } }, { upsert: true });
  }

  /** The rosters of these people; someone who never set one is absent. */
  async ofMany(userIds: string[]): Promise<Map<string, DutyRoster>> {
    if (userIds.length === 0) return new Map();
    const docs = await this.coll.find({ _id: { $in: userIds } }).toArray();
    return new Map(docs.map((d) => [d._id, { slots: d.slots, urgentAlerts: d.urgentAlerts }]));
  }

  /** Everyone who asked to hear of urgent wishes at once (capped: an announcement is not a broadcast). */
  async urgentAlertHolders(limit: number): Promise<Map<string, DutyRoster>> {
    const docs = await this.coll.find({ urgentAlerts: true }).limit(limit).toArray();
    return new Map(docs.map((d) => [d._id, { slots: d.slots, urgentAlerts: d.urgentAlerts }]));
  }
}
