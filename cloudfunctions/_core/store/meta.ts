import type { Collection } from 'mongodb';
import type { MetaDoc } from './collections';

/** Facts about the database itself: which seed ran, how far a job has got. */
export class MetaRepository {
  constructor(private readonly coll: Collection<MetaDoc>) {}

  find(id: string): Promise<MetaDoc | null> {
    return this.coll.findOne({ _id: id });
  }

  /** Moves a mark forward to `at`, never back ($max): two jobs at once each record what they did and the later wins. */
  async advance(id: string, at: Date, state: string): Promise<void> {
    await this.coll.updateOne({ _id: id }, { $max: { at }, $set: { state } }, { upsert: true });
  }
}
