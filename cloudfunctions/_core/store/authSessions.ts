import { randomUUID } from 'node:crypto';
import type { Collection } from 'mongodb';

/** Why a sign-in was ended. */
export type RevokedWhy = 'signed_out' | 'roles_changed' | 'refresh_reused';

/**
 * One sign-in of the self-hosted server: opened at login, kept alive by its refresh token (whose `generation`
 * counts the rotations; only the newest is honoured) until `expiresAt`, or ended early (`revokedAt`).
 */
export interface AuthSessionDoc {
  _id: string;
  userId: string;
  generation: number;
  createdAt: Date;
  refreshedAt?: Date;
  expiresAt: Date;
  revokedAt?: Date;
  revokedWhy?: RevokedWhy;
}

export class AuthSessionRepository {
  constructor(private readonly coll: Collection<AuthSessionDoc>) {}

  async open(userId: string, at: Date, until: Date): Promise<AuthSessionDoc> {
    const doc: AuthSessionDoc = { _id: randomUUID(), userId, generation: 0, createdAt: at, expiresAt: until };
    await this.coll.insertOne(doc);
    return doc;
  }

  find(id: string): Promise<AuthSessionDoc | null> {
    return this.coll.findOne({ _id: id });
  }

  /**
   * Moves a live sign-in from refresh token `generation` to the next, only if that is the newest one: of two
   * uses of one token exactly one wins. Null when the sign-in is over or the token was not its newest.
   */
  rotate(id: string, generation: number, at: Date): Promise<AuthSessionDoc | null> {
    return this.coll.findOneAndUpdate(
      { _id: id, generation, revokedAt: { $exists: false }, expiresAt: { $gt: at } },
      { $inc: { generation: 1 }, $set: { refreshedAt: at } },
      { returnDocument: 'after' },
    );
  }

  async revoke(id: string, why: RevokedWhy, at: Date): Promise<void> {
    await this.coll.updateOne({ _id: id, revokedAt: { $exists: false } }, { $set: { revokedAt: at, revokedWhy: why } });
  }

  /** Ends every sign-in of the person but `keep` (the one that made the change, when they made it themselves). */
  async revokeAllOf(userId: string, why: RevokedWhy, at: Date, keep?: string): Promise<void> {
    await this.coll.updateMany(
      { userId, revokedAt: { $exists: false }, ...(keep ? { _id: { $ne: keep } } : {}) },
      { $set: { revokedAt: at, revokedWhy: why } },
    );
  }
}
