import type { Collection } from 'mongodb';
import type { WxSessionDoc } from './collections';

/** WeChat session keys by openid: they decrypt a person's WeChat data, so they stay on the server. */
export class WxSessionRepository {
  constructor(private readonly coll: Collection<WxSessionDoc>) {}

  async remember(openid: string, sessionKey: string, at: Date): Promise<void> {
    await this.coll.updateOne({ _id: openid }, { $set: { sessionKey, updatedAt: at } }, { upsert: true });
  }
}
