import type { Collection, Db, Document, IndexSpecification, CreateIndexesOptions } from 'mongodb';
import type { DutySlot } from '@shared';
import { inSession, type Attempt } from './session';
import type { AuthSessionDoc } from './authSessions';
import type { CertificateDoc } from './certificates';
import type { StoryDoc } from './stories';
import type { LeaseDoc } from './leases';
import type { LedgerEntryDoc, PointAccountDoc } from './ledger';
import type { RedemptionDoc, StoreItemDoc } from './store';
import type { FamilyLinkDoc, TimeAccountDoc, TimeEntryDoc } from './timebank';
import type { ActivityDoc, AttendanceDoc } from './activities';
import type { RateLimitDoc } from './rateLimits';
import type { Open311KeyDoc } from './open311Keys';
import type { StatCounterDoc } from './statCounters';
import type { WishCounterDoc } from './wishNumbers';
import type { BuildingDoc, CommunityDoc, CompoundDoc, GridDoc, InviteDoc, JoinRequestDoc, MessageDoc, PartyBranchDoc, ServiceDoc, SubscriptionDoc, TownDoc, UnitDoc, UserDoc, WishDoc } from './types';

/**
 * A write's requestId, done: its reply as the client saw it (JSON text; `reply` in records from before), written in
 * the transaction of the write itself, so a committed write is always found by its key. `running` only in records
 * from before runs moved to `request_runs`; they hold nothing.
 */
export interface RequestDoc { _id: string; state: 'running' | 'done'; replyJson?: string; reply?: unknown; createdAt: Date; leaseUntil?: Date }
/** A write's requestId being run: by which process run (`owner`), alive while its heartbeat keeps `leaseUntil` ahead. */
export interface RequestRunDoc { _id: string; owner: string; leaseUntil: Date; createdAt: Date }
export interface WxSessionDoc { _id: string; sessionKey: string; updatedAt: Date }
/** Facts about the database itself (which demo seed ran). */
export interface MetaDoc { _id: string; state: string; at: Date }
/** A helper's duty roster, by user id: kept apart from the user so a roster edit never touches roles or the caller cache. */
export interface DutyDoc { _id: string; slots: DutySlot[]; urgentAlerts: boolean; updatedAt: Date }
/**
 * One per co-building unit (by its id), written by every change that takes away someone who answers for it (停用, a role
 * or unit changed): two such changes at once both write it, so one of the two transactions conflicts and runs again
 * seeing the other, rather than each deciding "someone is still there" from a snapshot without the other's change.
 */
export interface UnitRosterDoc { _id: string; version: number; at: Date }
/** Collection names live here and nowhere else. */
export const C = {
  users: 'users',
  towns: 'towns',
  communities: 'communities',
  compounds: 'compounds',
  buildings: 'buildings',
  grids: 'grids',
  partyBranches: 'party_branches',
  units: 'units',
  /** A write per change to who answers for a unit, for those changes to conflict (UnitRosterDoc). */
  unitRosters: 'unit_rosters',
  wishes: 'wishes',
  /** 心愿编号: one counter per community and year, taken with one `$inc` outside each wish's insert transaction. */
  wishCounters: 'wish_counters',
  services: 'services',
  /** The statistics kept per community and day (and month), written with each event. */
  statCounters: 'stat_counters',
  messages: 'messages',
  subscriptions: 'subscriptions',
  invites: 'invites',
  certificates: 'certificates',
  stories: 'stories',
  /** The points ledger (append-only) and the balances kept beside it. */
  pointLedger: 'point_ledger',
  pointAccounts: 'point_accounts',
  /** 爱心超市: the shelf and the redemptions from it. */
  storeItems: 'store_items',
  redemptions: 'redemptions',
  /** 时间银行: the hours ledger (append-only), the balances kept beside it (per person per town), family links. */
  timeLedger: 'time_ledger',
  timeAccounts: 'time_accounts',
  familyLinks: 'family_links',
  /** 集体活动 and who signed up for each, came and left. */
  activities: 'activities',
  attendance: 'activity_attendance',
  requests: 'requests',
  requestRuns: 'request_runs',
  wxSessions: 'wx_sessions',
  /** Self-hosted sign-ins: one per login, its refresh token's rotation and whether it was ended (bookkeeping, like wx_sessions). */
  authSessions: 'auth_sessions',
  meta: 'meta',
  joinRequests: 'join_requests',
  rateLimits: 'rate_limits',
  leases: 'leases',
  /** A GridFS bucket: the collections `photos.files` and `photos.chunks`. */
  photos: 'photos',
  duty: 'duty_rosters',
  /** Keys a community's secretary issued to Open311 clients (hashed). */
  open311Keys: 'open311_keys',
} as const;

/** Collections folded into others, read only by the start-up migration that empties and drops them. */
export const RETIRED = {
  /** Inbox lines and delivery items, one document each per message until both became `messages`. */
  inbox: 'inbox',
  outbox: 'outbox',
} as const;

interface IndexDecl { key: IndexSpecification; options?: CreateIndexesOptions }

/** Indexes declared as data (parse-server style), applied idempotently at start. */
export const INDEXES: Record<string, IndexDecl[]> = {
  [C.users]: [
    { key: { openid: 1 }, options: { unique: true, partialFilterExpression: { openid: { $type: 'string' } }, name: 'openid_unique' } },
    { key: { devKey: 1 }, options: { unique: true, partialFilterExpression: { devKey: { $type: 'string' } }, name: 'devKey_unique' } },
    { key: { 'memberships.communityId': 1 } },
    // Who to tell (secretaries, grid workers, unit and town admins): few holders of each role.
    { key: { 'memberships.roles': 1 } },
    // 时间银行: a family member is asked for by the phone number they registered with.
    { key: { phone: 1 }, options: { sparse: true } },
    // The timer's repair looks for deactivations (停用) not yet swept: few memberships are ever deactivated.
    { key: { 'memberships.deactivated.at': 1 }, options: { sparse: true } },
  ],
  [C.wishes]: [
    { key: { location: '2dsphere' } },
    { key: { communityId: 1, status: 1, createdAt: -1 } },
    { key: { ownerId: 1, createdAt: -1 } },
    // A resident's list also has the wishes family posted for them (时间银行); most wishes have no such beneficiary.
    { key: { 'beneficiary.userId': 1, createdAt: -1 }, options: { sparse: true } },
    { key: { createdBy: 1, createdAt: -1 } },
    { key: { 'claims.assigneeId': 1, status: 1 } },
    { key: { 'claims.claimerId': 1, status: 1 } },
    { key: { status: 1, 'claims.leaseUntil': 1 } },
    { key: { status: 1, openedAt: 1 } },
    { key: { status: 1, doneAt: 1 } },
    // The wishes with supervision steps (督办), and the counted steps of part of a day (stats/counters).
    { key: { communityId: 1, 'events.action': 1, 'events.at': 1 } },
    // The announcement repair reads the steps since it last looked, oldest first.
    { key: { updatedAt: 1 } },
    // The sweep of unused uploads asks which photos some wish still shows; most wishes have none.
    { key: { 'events.photos': 1 }, options: { sparse: true } },
    // …and which photos and voice notes some wish was posted with.
    { key: { photos: 1 }, options: { sparse: true } },
    { key: { 'voice.url': 1 }, options: { sparse: true } },
    // 心愿编号: staff open a wish by its number; two wishes of a community never share one.
    { key: { communityId: 1, number: 1 }, options: { unique: true, partialFilterExpression: { number: { $type: 'string' } }, name: 'number_unique' } },
  ],
  [C.services]: [{ key: { communityId: 1, confirmedAt: -1 } }, { key: { wishId: 1 } }, { key: { userId: 1 } }],
  [C.statCounters]: [{ key: { communityId: 1, grain: 1, period: 1 } }],
  [C.messages]: [
    { key: { dedupeKey: 1 }, options: { unique: true } },
    // The inbox page: a person's messages newest first by when they happened, the cursor (time, id), read in index order up to the limit.
    { key: { userId: 1, createdAt: -1, _id: -1 } },
    { key: { userId: 1, _id: -1 } },
    // The unread badge counted on every inbox and read call, the unread-only page and "mark all read".
    { key: { userId: 1, read: 1, _id: -1 } },
    // The drain: what is due.
    { key: { status: 1, nextAttemptAt: 1 } },
  ],
  [C.certificates]: [{ key: { holderId: 1, issuedAt: -1 } }],
  [C.stories]: [
    // One story per wish: a second draft replaces the first.
    { key: { wishId: 1 }, options: { unique: true } },
    // The wall: a community's published stories, newest first; the monthly report reads the same by date.
    { key: { communityId: 1, status: 1, publishedAt: -1 } },
    // The sweep of unused uploads asks which photos some story still shows.
    { key: { beforePhotos: 1 }, options: { sparse: true } },
    { key: { afterPhotos: 1 }, options: { sparse: true } },
  ],
  // A helper's history, and the day's earnings the cap counts; a wish's earnings when its services are withdrawn.
  [C.pointLedger]: [{ key: { communityId: 1, userId: 1, at: -1 } }, { key: { communityId: 1, userId: 1, day: 1 } }, { key: { wishId: 1 }, options: { sparse: true } }],
  [C.pointAccounts]: [{ key: { communityId: 1 } }],
  [C.storeItems]: [{ key: { communityId: 1, cost: 1 } }],
  // Staff type the code: it names one redemption.
  [C.redemptions]: [{ key: { code: 1 }, options: { unique: true } }, { key: { communityId: 1, userId: 1, createdAt: -1 } }],
  // A person's history in a town; a wish's deposits and its hold; the town's audit.
  [C.timeLedger]: [{ key: { townId: 1, userId: 1, at: -1 } }, { key: { wishId: 1 }, options: { sparse: true } }],
  [C.timeAccounts]: [{ key: { townId: 1 } }],
  // A person's links, asked by them or of them.
  [C.familyLinks]: [{ key: { fromId: 1 } }, { key: { toId: 1 } }],
  // A community's activities by time (upcoming soonest first, the past newest first); an organiser's list; a person's own.
  [C.activities]: [{ key: { communityId: 1, startAt: 1 } }, { key: { communityId: 1, endAt: 1 } }],
  [C.attendance]: [{ key: { activityId: 1, signedUpAt: 1 } }, { key: { userId: 1, signedUpAt: -1 } }],
  [C.invites]: [{ key: { code: 1 }, options: { unique: true } }, { key: { communityId: 1, _id: -1 } }],
  // Replies are kept a week: long enough for any client retry.
  [C.requests]: [{ key: { createdAt: 1 }, options: { expireAfterSeconds: 7 * 24 * 3600 } }],
  // A run's record matters only while its lease may still be live; a dead one is taken over long before this.
  [C.requestRuns]: [{ key: { leaseUntil: 1 }, options: { expireAfterSeconds: 3600 } }],
  [C.grids]: [{ key: { communityId: 1 } }],
  // A wish without a building takes the grid of the nearest building that has one.
  [C.buildings]: [{ key: { communityId: 1 } }, { key: { location: '2dsphere' } }],
  [C.units]: [{ key: { communityId: 1 } }],
  // GridFS's own indexes on the photo bucket (the names the driver gives them, so its own check finds them),
  // and the sweep's walk of photos by when they were last uploaded.
  [`${C.photos}.files`]: [{ key: { filename: 1, uploadDate: 1 } }, { key: { 'metadata.lastUploadAt': 1 } }],
  [`${C.photos}.chunks`]: [{ key: { files_id: 1, n: 1 }, options: { unique: true } }],
  // A window's counter goes when the window is over (the TTL monitor runs about once a minute; a stale one only costs space).
  [C.rateLimits]: [{ key: { expiresAt: 1 }, options: { expireAfterSeconds: 0 } }],
  // A person's sign-ins, ended together when their roles change; each goes once its refresh token can no longer be used.
  [C.authSessions]: [{ key: { userId: 1 } }, { key: { expiresAt: 1 }, options: { expireAfterSeconds: 0 } }],
  // Urgent announcements read those who opted in.
  [C.duty]: [{ key: { urgentAlerts: 1 } }],
  // One pending request per person per community; decided ones stay as history.
  // A posted key is looked up by its hash; the secretary lists the community's keys.
  [C.open311Keys]: [{ key: { hash: 1 }, options: { unique: true } }, { key: { communityId: 1, createdAt: -1 } }],
  [C.joinRequests]: [
    { key: { userId: 1, communityId: 1 }, options: { unique: true, partialFilterExpression: { status: 'pending' }, name: 'one_pending_per_person' } },
    { key: { communityId: 1, status: 1, _id: -1 } },
    { key: { userId: 1, _id: -1 } },
  ],
};

export async function ensureIndexes(db: Db): Promise<void> {
  for (const [name, decls] of Object.entries(INDEXES)) {
    const coll = db.collection(name);
    for (const d of decls) await coll.createIndex(d.key, d.options ?? {});
  }
}

/** Typed handles; repositories take these, actions never name a collection. */
const collectionsByDb = new WeakMap<Db, ReturnType<typeof buildCollections>>();

/** The typed collection handles of a database, built once per Db (they are cheap to keep, costly to rebuild per call). */
export function collections(db: Db): ReturnType<typeof buildCollections> {
  let c = collectionsByDb.get(db);
  if (!c) collectionsByDb.set(db, (c = buildCollections(db)));
  return c;
}

/** The same handles with every call in a transaction's attempt (its session). */
export function collectionsInSession(db: Db, attempt: Attempt): Collections {
  return buildCollections(db, attempt);
}

function buildCollections(db: Db, attempt?: Attempt) {
  const c = <T extends Document>(name: string) => {
    const coll = db.collection<T>(name) as Collection<T>;
    return attempt ? inSession(coll, attempt) : coll;
  };
  return {
    users: c<UserDoc>(C.users),
    towns: c<TownDoc>(C.towns),
    communities: c<CommunityDoc>(C.communities),
    compounds: c<CompoundDoc>(C.compounds),
    buildings: c<BuildingDoc>(C.buildings),
    grids: c<GridDoc>(C.grids),
    partyBranches: c<PartyBranchDoc>(C.partyBranches),
    units: c<UnitDoc>(C.units),
    unitRosters: c<UnitRosterDoc>(C.unitRosters),
    wishes: c<WishDoc>(C.wishes),
    wishCounters: c<WishCounterDoc>(C.wishCounters),
    services: c<ServiceDoc>(C.services),
    statCounters: c<StatCounterDoc>(C.statCounters),
    messages: c<MessageDoc>(C.messages),
    subscriptions: c<SubscriptionDoc>(C.subscriptions),
    invites: c<InviteDoc>(C.invites),
    certificates: c<CertificateDoc>(C.certificates),
    stories: c<StoryDoc>(C.stories),
    pointLedger: c<LedgerEntryDoc>(C.pointLedger),
    pointAccounts: c<PointAccountDoc>(C.pointAccounts),
    storeItems: c<StoreItemDoc>(C.storeItems),
    redemptions: c<RedemptionDoc>(C.redemptions),
    timeLedger: c<TimeEntryDoc>(C.timeLedger),
    timeAccounts: c<TimeAccountDoc>(C.timeAccounts),
    familyLinks: c<FamilyLinkDoc>(C.familyLinks),
    activities: c<ActivityDoc>(C.activities),
    attendance: c<AttendanceDoc>(C.attendance),
    requests: c<RequestDoc>(C.requests),
    requestRuns: c<RequestRunDoc>(C.requestRuns),
    duty: c<DutyDoc>(C.duty),
    wxSessions: c<WxSessionDoc>(C.wxSessions),
    authSessions: c<AuthSessionDoc>(C.authSessions),
    meta: c<MetaDoc>(C.meta),
    joinRequests: c<JoinRequestDoc>(C.joinRequests),
    rateLimits: c<RateLimitDoc>(C.rateLimits),
    leases: c<LeaseDoc>(C.leases),
    open311Keys: c<Open311KeyDoc>(C.open311Keys),
  };
}
export type Collections = ReturnType<typeof collections>;
