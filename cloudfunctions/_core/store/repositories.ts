import type { Db } from 'mongodb';
import { collections, collectionsInSession, type Collections } from './collections';
import { AuthSessionRepository } from './authSessions';
import { CertificateRepository } from './certificates';
import { StoryRepository } from './stories';
import { CommunityRepository } from './communities';
import { DutyRepository } from './duty';
import { InviteRepository } from './invites';
import { JoinRequestRepository } from './joinRequests';
import { LeaseRepository } from './leases';
import { LedgerRepository } from './ledger';
import { MessageRepository } from './messages';
import { MetaRepository } from './meta';
import { OrgRepository } from './org';
import { Open311KeyRepository } from './open311Keys';
import { PhotoRepository } from './photos';
import { RateLimitRepository } from './rateLimits';
import { RequestRepository } from './requests';
import { runTransaction, type TransactionOptions } from './session';
import { ServiceRepository } from './services';
import { StatCounterRepository } from './statCounters';
import { StoreRepository } from './store';
import { TimeBankRepository } from './timebank';
import { ActivityRepository } from './activities';
import { SubscriptionRepository } from './subscriptions';
import { UserRepository } from './users';
import { WxSessionRepository } from './wxSessions';
import { WishRepository } from './wishes';
import { WishNumberRepository } from './wishNumbers';

/** Every repository of one database: what the runtime hands to actions instead of the database. */
export interface Repositories {
  wishes: WishRepository;
  /** 心愿编号's counters, taken in the transaction of each wish's insert. */
  wishNumbers: WishNumberRepository;
  communities: CommunityRepository;
  users: UserRepository;
  org: OrgRepository;
  messages: MessageRepository;
  subscriptions: SubscriptionRepository;
  services: ServiceRepository;
  /** The statistics kept per community and day, written in the transaction of each event (stats/counters). */
  statCounters: StatCounterRepository;
  requests: RequestRepository;
  meta: MetaRepository;
  wxSessions: WxSessionRepository;
  /** Self-hosted sign-ins (server/auth.ts): refresh rotation and revocation. */
  authSessions: AuthSessionRepository;
  invites: InviteRepository;
  certificates: CertificateRepository;
  stories: StoryRepository;
  /** Points: the append-only ledger and the balances kept with it. */
  ledger: LedgerRepository;
  /** 爱心超市: the shelf and its redemptions. */
  store: StoreRepository;
  /** 时间银行: the hours ledger, the balances kept with it, family links. */
  timebank: TimeBankRepository;
  /** 集体活动: activities and their attendance. */
  activities: ActivityRepository;
  joinRequests: JoinRequestRepository;
  /** The self-hosted gateways' shared request counts. */
  rateLimits: RateLimitRepository;
  /** Uploaded photos (self-hosted; WeChat cloud keeps them in cloud storage). */
  photos: PhotoRepository;
  /** Once-per-cluster jobs (the self-hosted timer). */
  leases: LeaseRepository;
  duty: DutyRepository;
  /** Keys issued to Open311 clients. */
  open311Keys: Open311KeyRepository;
  /** Answers when the database does: the health check. */
  ping(): Promise<void>;
  /**
   * Runs `work` over repositories whose every read and write is in one transaction, committed when it returns and
   * run again after a transient error (so `work` must only write through the repositories it is given). Called on
   * repositories that are already a transaction's, it runs `work` in that same transaction (and `options` are the
   * outer transaction's to give).
   */
  inTransaction<T>(work: (repos: Repositories) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * Runs `work` on repositories outside any transaction once this one has committed (at once when these are not a
   * transaction's). For writes every step touches, the statistics' day counters: inside the transactions they would
   * make every two writes of a community conflict, and two volunteers claiming at once is the normal case. A crash
   * between the commit and `work` leaves a difference that `npm run stats -- rebuild-counters` reports and fixes.
   */
  afterCommit(work: (repos: Repositories) => Promise<void>): Promise<void>;
  /** Whether these are a transaction's repositories (`inTransaction` joins it rather than starting one). */
  readonly transactional: boolean;
  /** The same for these repositories and those of a transaction over them: what caches are kept by. */
  readonly scope: object;
}

const byDb = new WeakMap<Db, Repositories>();
/** Work waiting for a transaction's commit, by the transaction's repositories. */
const afterCommits = new WeakMap<Repositories, ((repos: Repositories) => Promise<void>)[]>();

/** Built once per database: repositories hold only collection handles, cheap to keep and costly to rebuild per call. */
export function repositoriesOf(db: Db): Repositories {
  let repos = byDb.get(db);
  if (!repos) {
    repos = build(db, collections(db), db);
    byDb.set(db, repos);
  }
  return repos;
}

function build(db: Db, c: Collections, scope: object, inTransaction = false): Repositories {
  const repos: Repositories = {
    wishes: new WishRepository(c.wishes),
    // Numbers are taken outside any transaction: a gateway that dies inside a creation's transaction would otherwise hold
    // the community's counter until the server gives the transaction up, and every post there would wait for it.
    wishNumbers: new WishNumberRepository(inTransaction ? collections(db).wishCounters : c.wishCounters),
    communities: new CommunityRepository(c),
    users: new UserRepository(c.users),
    org: new OrgRepository(c),
    messages: new MessageRepository(c.messages),
    subscriptions: new SubscriptionRepository(c.subscriptions),
    services: new ServiceRepository(c.services),
    statCounters: new StatCounterRepository(c.statCounters),
    requests: new RequestRepository(c.requests, c.requestRuns),
    meta: new MetaRepository(c.meta),
    wxSessions: new WxSessionRepository(c.wxSessions),
    authSessions: new AuthSessionRepository(c.authSessions),
    invites: new InviteRepository(c.invites),
    certificates: new CertificateRepository(c.certificates),
    stories: new StoryRepository(c.stories),
    ledger: new LedgerRepository(c.pointLedger, c.pointAccounts),
    store: new StoreRepository(c.storeItems, c.redemptions),
    timebank: new TimeBankRepository(c.timeLedger, c.timeAccounts, c.familyLinks),
    activities: new ActivityRepository(c.activities, c.attendance),
    joinRequests: new JoinRequestRepository(c.joinRequests),
    rateLimits: new RateLimitRepository(c.rateLimits),
    leases: new LeaseRepository(c.leases),
    photos: new PhotoRepository(db),
    duty: new DutyRepository(c.duty),
    open311Keys: new Open311KeyRepository(c.open311Keys),
    ping: async () => {
      await db.command({ ping: 1 });
    },
    // A write run once per requestId is already in a transaction (routing/idempotency): a second would be a separate one.
    inTransaction: async (work, options) => {
      if (inTransaction) return work(repos);
      // Each attempt gets fresh repositories; only the attempt that committed has its after-commit work run.
      let committed: Repositories | undefined;
      const result = await runTransaction(db.client, (attempt) => work((committed = build(db, collectionsInSession(db, attempt), scope, true))), options);
      for (const after of afterCommits.get(committed!) ?? []) {
        // The step is done and answered; a counter left behind is the rebuild's to find, not the caller's error.
        await after(repos).catch((err) => console.error('[afterCommit]', err));
      }
      return result;
    },
    afterCommit: async (work) => {
      if (!inTransaction) return work(repos);
      afterCommits.set(repos, [...(afterCommits.get(repos) ?? []), work]);
    },
    transactional: inTransaction,
    scope,
  };
  return repos;
}
