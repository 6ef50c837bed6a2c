import type { Db } from 'mongodb';
import { collections } from './collections';
import { CommunityRepository } from './communities';
import { MessageRepository } from './messages';
import { MetaRepository } from './meta';
import { OrgRepository } from './org';
import { RequestRepository } from './requests';
import { ServiceRepository } from './services';
import { SubscriptionRepository } from './subscriptions';
import { UserRepository } from './users';
import { WishRepository } from './wishes';

/** Every repository of one database: what the runtime hands to actions instead of the database. */
export interface Repositories {
  wishes: WishRepository;
  communities: CommunityRepository;
  users: UserRepository;
  org: OrgRepository;
  messages: MessageRepository;
  subscriptions: SubscriptionRepository;
  services: ServiceRepository;
  requests: RequestRepository;
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
      communities: new CommunityRepository(c),
      users: new UserRepository(c.users),
      org: new OrgRepository(c),
      messages: new MessageRepository(c.messages),
      subscriptions: new SubscriptionRepository(c.subscriptions),
      services: new ServiceRepository(c.services),
      requests: new RequestRepository(c.requests),
      meta: new MetaRepository(c.meta),
    };
    byDb.set(db, repos);
  }
  return repos;
}
