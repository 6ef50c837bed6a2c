import type { Db } from 'mongodb';
import { collections } from './collections';
import { CommunityRepository } from './communities';
import { InviteRepository } from './invites';
import { JoinRequestRepository } from './joinRequests';
import { MessageRepository } from './messages';
import { MetaRepository } from './meta';
import { OrgRepository } from './org';
import { RequestRepository } from './requests';
import { ServiceRepository } from './services';
import { SubscriptionRepository } from './subscriptions';
import { UserRepository } from './users';
import { WxSessionRepository } from './wxSessions';
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
  wxSessions: WxSessionRepository;
  invites: InviteRepository;
  joinRequests: JoinRequestRepository;
  /** Answers when the database does: the health check. */
  ping(): Promise<void>;
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
      wxSessions: new WxSessionRepository(c.wxSessions),
      invites: new InviteRepository(c.invites),
      joinRequests: new JoinRequestRepository(c.joinRequests),
      ping: async () => {
        await db.command({ ping: 1 });
      },
    };
    byDb.set(db, repos);
  }
  return repos;
}
