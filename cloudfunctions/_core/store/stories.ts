import type { Story, StoryState } from '@shared';
import type { Collection, Filter } from 'mongodb';
import { nextCursor, pageFilter } from './page';
import { rangeMatch, type Range } from './range';

/** A 微故事 as stored: one per wish (unique `wishId`); its own id, so a shared link never names the wish. */
export type StoryDoc = Omit<Story, 'id' | 'draftedAt' | 'consentedAt' | 'publishedAt' | 'withdrawnAt'> & {
  _id: string;
  draftedAt: Date;
  consentedAt?: Date;
  publishedAt?: Date;
  withdrawnAt?: Date;
  updatedAt: Date;
  /** The resident's name as the wish had it (or its beneficiary's): only ever shown masked. */
  ownerName?: string;
};

/** What a redraft replaces: the text and pictures, and the consent given to the old ones. */
export type StoryDraft = Omit<StoryDoc, '_id' | 'consentedAt' | 'publishedAt' | 'withdrawnAt'>;

export class StoryRepository {
  constructor(private readonly coll: Collection<StoryDoc>) {}

  find(id: string): Promise<StoryDoc | null> {
    return this.coll.findOne({ _id: id });
  }

  ofWish(wishId: string): Promise<StoryDoc | null> {
    return this.coll.findOne({ wishId });
  }

  /**
   * Writes the draft of a wish's story, new or over one not published (a published one is left as it
   * is: null). The consent given to an earlier text does not carry over to this one.
   */
  saveDraft(id: string, draft: StoryDraft): Promise<StoryDoc | null> {
    return this.coll.findOneAndUpdate(
      { wishId: draft.wishId, status: { $ne: 'published' } },
      { $set: draft, $unset: { consentedAt: '', publishedAt: '', withdrawnAt: '' }, $setOnInsert: { _id: id } },
      { upsert: true, returnDocument: 'after' },
    );
  }

  /** Moves the story on if it is still in `from` (two answers at once: one wins); null when it moved meanwhile. */
  step(id: string, from: StoryState, to: StoryState, set: Partial<StoryDoc>, now: Date): Promise<StoryDoc | null> {
    return this.coll.findOneAndUpdate({ _id: id, status: from }, { $set: { ...set, status: to, updatedAt: now } }, { returnDocument: 'after' });
  }

  /** The wall's stories: published in this community, newest first. */
  published(communityId: string, limit: number): Promise<StoryDoc[]> {
    return this.coll.find({ communityId, status: 'published' }).sort({ publishedAt: -1, _id: -1 }).limit(limit).toArray();
  }

  /** The wishes told by a published story: the wall shows the story in their place. */
  async publishedWishIds(communityId: string): Promise<string[]> {
    const docs = await this.coll.find({ communityId, status: 'published' }, { projection: { wishId: 1 } }).toArray();
    return docs.map((d) => d.wishId);
  }

  /** Stories of the community, newest first, for its staff. */
  async page(communityId: string, q: { cursor?: string; limit: number }): Promise<{ items: StoryDoc[]; nextCursor?: string }> {
    const items = await this.coll.find({ communityId, ...pageFilter<StoryDoc>(q.cursor) }).sort({ _id: -1 }).limit(q.limit).toArray();
    return { items, nextCursor: nextCursor(items, q.limit) };
  }

  /** Stories published within the window and on the wall now, newest first (the monthly report). */
  publishedIn(communityIds: string[], range: Range, limit: number): Promise<StoryDoc[]> {
    const filter: Filter<StoryDoc> = { communityId: { $in: communityIds }, status: 'published', ...rangeMatch('publishedAt', range) };
    return this.coll.find(filter).sort({ publishedAt: -1 }).limit(limit).toArray();
  }

  /** Which of these photo URLs some story shows (the sweep of unused uploads keeps them). */
  async photosInUse(urls: string[]): Promise<Set<string>> {
    const holders = await this.coll
      .find({ $or: [{ beforePhotos: { $in: urls } }, { afterPhotos: { $in: urls } }] }, { projection: { beforePhotos: 1, afterPhotos: 1 } })
      .toArray();
    return new Set(holders.flatMap((s) => [...s.beforePhotos, ...s.afterPhotos]));
  }
}
