import type { Db } from 'mongodb';
import { collections } from './collections';
import { MessageRepository } from './messages';
import { MetaRepository } from './meta';
import { SubscriptionRepository } from './subscriptions';
import { UserRepository } from './users';
import { WishRepository } from './wishes';

/** Every repository of one database: what the runtime hands to actions instead of the database. */
export interface Repositories {
  wishes: WishRepository;
  users: UserRepository;
  messages: MessageRepository;
  subscriptions: SubscriptionRepository;
  meta: MetaRepository;
}

const byDb = new WeakMap<Db, Repositories>();

/** Built once per database: repositories hold only collection handles, cheap to keep and costly to rebuild per call. */
export function repositoriesOf(db: Db): Repositories {
  let repos = byDb.get(db);
  if (!repos) {
    const c = collections(db);
    repos = {
      wishes: new WishRepository(c.wishes),
      users: new UserRepository(c.users),
      messages: new MessageRepository(c.messages),
      subscriptions: new SubscriptionRepository(c.subscriptions),
      meta: new MetaRepository(c.meta),
    };
    byDb.set(db, repos);
  }
  return repos;
}
