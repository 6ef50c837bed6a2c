import type { Collection } from 'mongodb';

/**
 * An Open311 key (docs/open311.md): issued by a community's secretary to one outside client, bound to that
 * community. Only the SHA-256 of the key is kept: a key is 32 random bytes, so a fast hash is enough and the
 * database alone never gives a key back. Revoked keys stay, as the record of who could post when.
 */
export interface Open311KeyDoc {
  _id: string;
  communityId: string;
  label: string;
  /** hex SHA-256 of the whole key. */
  hash: string;
  /** The key's first characters, shown to tell keys apart. */
  prefix: string;
  createdBy: string;
  createdAt: Date;
  revokedAt?: Date;
  revokedBy?: string;
  lastUsedAt?: Date;
}

/** The Open311 keys of every community. */
export class Open311KeyRepository {
  constructor(private readonly coll: Collection<Open311KeyDoc>) {}

  async insert(doc: Open311KeyDoc): Promise<void> {
    await this.coll.insertOne(doc);
  }

  /** A key by its hash, revoked or not (the caller tells the two apart). */
  byHash(hash: string): Promise<Open311KeyDoc | null> {
    return this.coll.findOne({ hash });
  }

  ofCommunity(communityId: string): Promise<Open311KeyDoc[]> {
    return this.coll.find({ communityId }).sort({ createdAt: -1, _id: -1 }).limit(100).toArray();
  }

  /** Revokes a live key of the community; null when there is none by that id (or it was revoked already: then the stored one). */
  async revoke(communityId: string, id: string, by: string, at: Date): Promise<Open311KeyDoc | null> {
    const done = await this.coll.findOneAndUpdate({ _id: id, communityId, revokedAt: { $exists: false } }, { $set: { revokedAt: at, revokedBy: by } }, { returnDocument: 'after' });
    return done ?? this.coll.findOne({ _id: id, communityId });
  }

  /** Only while still live: a post racing a revocation doesn't write a use after it. */
  async markUsed(id: string, at: Date): Promise<void> {
    await this.coll.updateOne({ _id: id, revokedAt: { $exists: false } }, { $set: { lastUsedAt: at } });
  }
}
