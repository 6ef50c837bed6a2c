import type { Db } from 'mongodb';
import { collections } from './collections';
import { OrgRepository } from './org';
import { UserRepository } from './users';
import { WxSessionRepository } from './wxSessions';
import { WishRepository } from './wishes';

/** Every repository of one database: what the runtime hands to actions instead of the database. */
export interface Repositories {
  wishes: WishRepository;
  users: UserRepository;
  org: OrgRepository;
  wxSessions: WxSessionRepository;
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
      users: new UserRepository(c.users),
      org: new OrgRepository(c),
      wxSessions: new WxSessionRepository(c.wxSessions),
      ping: async () => {
        await db.command({ ping: 1 });
      },
    };
    byDb.set(db, repos);
  }
  return repos;
}
