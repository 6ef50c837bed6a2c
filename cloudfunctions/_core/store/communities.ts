import type { CommunitySettings } from '@shared';
import type { Collection } from 'mongodb';
import type { CommunityDoc, TownDoc } from './types';

/** Towns and their communities: the tenants every other record belongs to. */
export class CommunityRepository {
  constructor(private readonly c: { communities: Collection<CommunityDoc>; towns: Collection<TownDoc> }) {}

  find(id: string): Promise<CommunityDoc | null> {
    return this.c.communities.findOne({ _id: id });
  }

  town(id: string): Promise<TownDoc | null> {
    return this.c.towns.findOne({ _id: id });
  }

  ofTown(townId: string): Promise<CommunityDoc[]> {
    return this.c.communities.find({ townId }).toArray();
  }

  /** The town's community ids, or just the one named when it is the town's. */
  async idsOfTown(townId: string, only?: string): Promise<string[]> {
    const list = await this.c.communities.find({ townId, ...(only ? { _id: only } : {}) }, { projection: { _id: 1 } }).toArray();
    return list.map((c) => c._id);
  }

  async names(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const list = await this.c.communities.find({ _id: { $in: unique } }, { projection: { name: 1 } }).toArray();
    return new Map(list.map((c) => [c._id, c.name]));
  }

  /** Every community's declared short code (shared/wishNumber), by id: those without one are left out. */
  async codes(): Promise<Map<string, string>> {
    const list = await this.c.communities.find({ code: { $type: 'string' } }, { projection: { code: 1 } }).toArray();
    return new Map(list.map((c) => [c._id, c.code!]));
  }

  /** Every community's stored settings (as the secretary set them; `settingsOf` fills the defaults). */
  async allSettings(): Promise<Map<string, Partial<CommunitySettings>>> {
    const list = await this.c.communities.find({}, { projection: { settings: 1 } }).toArray();
    return new Map(list.map((c) => [c._id, c.settings]));
  }

  async setSettings(id: string, settings: CommunitySettings): Promise<CommunityDoc | null> {
    return this.c.communities.findOneAndUpdate({ _id: id }, { $set: { settings } }, { returnDocument: 'after' });
  }
}
