import type { Category } from '../enums/categories';
import type { Role } from '../enums/roles';
import type { WishState } from '../enums/wishStates';
import type { Relation } from '../lifecycle/relations';
import type { TransitionAction } from '../lifecycle/transitions';
import type { SupervisionAction } from '../lifecycle/actions';
import type { Stall } from '../lifecycle/rules';
import type { AssignRefusalReason } from '../lifecycle/dispatchTargets';
import type { UnitKind } from '../enums/orgLevels';
import type { WishEvent } from '../schemas/event';
import type { GeoPoint, Instant } from '../schemas/primitives';
import type { InboxItem } from '../schemas/notification';
import type { Building, Community, Compound, Grid, GridBoundary, PartyBranch, Unit } from '../schemas/org';
import type { MapState } from '../vocab/mapStates';
import type { MapTiles } from '../mapTiles';
import type { Priority } from '../vocab/priorities';
import type { EscalationLevel } from '../schemas/wish';
import type { Membership, User } from '../schemas/user';
import type { DutyRoster } from '../schemas/duty';
import type { InviteState, JoinRequestStatus, JoinRole } from '../schemas/membership';
import type { NearbyItem, WallItem, WishView } from '../privacy/view';
import type { Open311Request } from '../privacy/open311';
import type { Open311Service } from '../open311/mapping';
import type { StoryCard, StoryView } from '../privacy/story';
import type { LedgerKind } from '../points/ledger';
import type { RedemptionStatus } from '../points/store';
import type { TimeEntryKind } from '../timebank/ledger';
import type { FamilyLinkStatus, FamilyRelation } from '../timebank/rules';
import type { ActivityCategory, ActivityState, AttendanceStatus } from '../vocab/activities';
import type { ActionSchemas, FunctionName } from './index';

/**
 * Reply shapes (`data` of the `{ ok: true, data }` envelope). They are types, not
 * zod schemas: our own code builds them, tsc checks them, and runtime schemas
 * would only add bytes to the mini-program.
 */
/** Someone staff can call now: on duty by their own roster. */
export interface OnDutyHelper {
  id: string;
  name: string;
  phone?: string;
  roles: Role[];
  /** Their duty hours as a person reads them ('周一、周三 18:00–21:00'); empty when reachable any time. */
  hours: string[];
  urgentAlerts: boolean;
}

/** A helper on a wish's call list: free to take it (under their task limit), nearest first, on duty before off. */
export interface CallListHelper {
  id: string;
  name: string;
  /** Absent to whoever may not phone them (shared/privacy `callListOf`). */
  phone?: string;
  roles: Role[];
  /** On duty now by their own roster (the same rule as org.onDuty). */
  onDuty: boolean;
  /** From their home building to the wish, metres; absent when they have not said where they live. */
  distanceM?: number;
  /** Unfinished wishes they hold now, and the community's limit. */
  load: number;
}

/** Whom staff can phone about one wish (dispatch.callList). */
export interface CallList {
  helpers: CallListHelper[];
  /** The grid worker of the wish's grid. */
  gridWorker: { id: string; name: string; phone?: string; gridName?: string } | null;
  /** The unit the wish is dispatched to or claimed by, with its contact. */
  unit: { id: string; name: string; contactName?: string; contactPhone?: string } | null;
  radiusM: number;
  maxOpenTasks: number;
  at: Instant;
}

/** One wish on the grid map (shared/privacy `mapPointOf`). */
export interface MapPoint {
  id: string;
  /** 心愿编号, for whoever reads the dot out on the phone. */
  number?: string;
  communityId: string;
  title: string;
  category: Category;
  status: WishState;
  state: MapState;
  priority: Priority;
  /** Exact for the wish's staff, to ~100 m for the town (`exact` says which). */
  location: GeoPoint;
  exact: boolean;
  /** Absent to whoever may not know it (the town). */
  gridId?: string;
  /** Since when it has waited (or was last opened). */
  since: Instant;
  escalation?: EscalationLevel;
}

export type MapCounts = Record<MapState, number>;

/** A grid on the map: its outline when drawn, and how many wishes of each kind lie in it. */
export interface MapGrid {
  id: string;
  communityId: string;
  name: string;
  boundary?: GridBoundary;
  counts: MapCounts;
}

/** dispatch.map: the caller's grids (a grid worker's), community (a secretary's) or town, and the wishes in play there. */
export interface GridMap {
  grids: MapGrid[];
  points: MapPoint[];
  /** The communities shown, with their centre (where the map opens when no grid has an outline). */
  communities: { id: string; name: string; location?: GeoPoint }[];
  /** Every wish that matched, by kind: those in a grid and those outside any. */
  counts: MapCounts;
  ungridded: MapCounts;
  /** More wishes matched than the map draws: filter to see the rest. */
  truncated: boolean;
  at: Instant;
  /** The h5 map's tiles when the server has them configured (XINYUAN_MAP_TILES); without, h5 draws the schematic. */
  tiles?: MapTiles;
}

/** One 督办 act of the town on a wish, as its timeline records it. */
export interface SupervisionAct {
  action: SupervisionAction;
  at: Instant;
  note?: string;
  /** reassign: where the wish came from. */
  fromCommunityId?: string;
  /** townAssign: the unit it went to. */
  unitId?: string;
}

/** A wish under the town's 督办 and what the town did, oldest first (the first act's age is the item's). */
export interface SupervisedWish {
  wish: WishView;
  acts: SupervisionAct[];
}

/** A person or unit staff could dispatch a wish to (dispatch.candidates). */
export interface DispatchCandidate {
  kind: 'user' | 'unit';
  id: string;
  name: string;
  /** A person's helper roles (党员, 志愿者). */
  roles?: Role[];
  unitKind?: UnitKind;
  /** Unfinished wishes they hold or were dispatched now (a unit: those of the unit). */
  load: number;
  /** From a person's home building to the wish, metres; absent when unknown (and for units). */
  distanceM?: number;
  /** Why they can't take it now (the dispatch would be refused with the same words): shown greyed out. */
  refusal?: { reason: AssignRefusalReason | 'holds_it'; message: string };
}

/** dispatch.candidates: those free first, then nearest, then least loaded. */
export interface DispatchCandidates {
  helpers: DispatchCandidate[];
  units: DispatchCandidate[];
  maxOpenTasks: number;
  at: Instant;
}

/** Who holds a wish on the staff board: a claim's helper or unit (and the member it was handed to), or whom it is dispatched to. */
export interface BoardHolder {
  kind: 'user' | 'unit';
  id: string;
  name: string;
  /** Dispatched, not yet accepted. */
  pending?: boolean;
  /** This helper has started their part. */
  started?: boolean;
}

/** One row of 全部心愿: the wish, who holds it, and whether it is stalled (shared/lifecycle `stallOf`). */
export interface BoardRow {
  wish: WishView;
  holders: BoardHolder[];
  stall?: Stall;
  /** Since when its holders have had it without starting (`heldSince`). */
  heldSince?: Instant;
}

/** dispatch.board: a page of one state, newest first, and how many wishes of the scope are in each state. */
export interface StaffBoard extends Page<BoardRow> {
  counts: Record<WishState, number>;
  at: Instant;
}

/** A co-building unit the town may dispatch to, and whether anyone answers for it (an active admin: shared `answersForUnit`). */
export type TownUnit = Unit & { communityName: string; hasPeople: boolean };

export interface Page<T> {
  items: T[];
  /** Absent on the last page. */
  nextCursor?: string;
}

export interface WishReply {
  wish: WishView;
}

export interface WishDetailReply {
  wish: WishView;
  events: WishEvent[];
  /** What the caller may do now (allowedActions), for the buttons. */
  actions: TransitionAction[];
  /** Display names of the people the events and claims mention, by user id. */
  people: Record<string, string>;
  /** Phones of the helpers holding places, by user id: for the owner and staff while the work goes on (privacy `helper_contact`). */
  phones: Record<string, string>;
  /** How the caller stands to the wish. */
  relations: Relation[];
}

export interface ClaimReply {
  wish: WishView;
  leaseUntil: Instant;
}

export interface StatsOverview {
  /** The communities counted: the caller's, or every one of a town admin's town. */
  communityIds: string[];
  collected: number;
  approved: number;
  claimed: number;
  completed: number;
  confirmed: number;
  /** Waiting now: for review, for a helper (open or assigned), being served (claimed or in progress). */
  pendingReview: number;
  open: number;
  inProgress: number;
  cancelled: number;
  byStatus: Partial<Record<WishState, number>>;
  serviceCount: number;
  serviceHours: number;
  /** People who served at least once. */
  helpers: number;
  avgRating: number | null;
  ratedCount: number;
}

/** A still-open wish of the same category posted nearby this week: shown before posting twice. */
export interface SimilarWish {
  id: string;
  title: string;
  status: WishState;
  createdAt: Instant;
  distanceM: number;
}

/** One row of a report's table: wishes posted in the month, and services counted in it (when confirmed). */
export interface ReportRow {
  key: string;
  label: string;
  collected: number;
  completed: number;
  confirmed: number;
  services: number;
  hours: number;
}

/** The monthly report for the street office (街道办): printable, one community or a whole town. */
export interface MonthlyReport {
  month: string;
  from: string;
  to: string;
  scope: { kind: 'community' | 'town'; name: string; communities: { id: string; name: string }[] };
  /** Every number counted by when it happened in the month (stats.overview's own totals). */
  overview: StatsOverview;
  byCategory: ReportRow[];
  byGrid: ReportRow[];
  topUnits: { id: string; name: string; services: number; hours: number }[];
  topBranches: { id: string; name: string; services: number; hours: number }[];
  /** 积分 issued for confirmed service (net of reversals) and redeemed at the 爱心超市 (net of refunds) in the month. */
  points: { issued: number; redeemed: number };
  /** 微故事 published in the month and still on the wall. */
  stories: { published: number; titles: { id: string; title: string; publishedAt: Instant; /** 心愿编号 of the story's wish. */ wishNumber?: string }[] };
  generatedAt: Instant;
}

export interface BreakdownReply {
  by: string;
  rows: { key: string; label: string; count: number }[];
}

export interface LeaderboardReply {
  rows: { id: string; name: string; services: number; hours: number }[];
}

/** A branch's numbers: services and hours (confirmed, in the window), its party members and how many of them reported (报到). */
export interface BranchCounts {
  services: number;
  hours: number;
  members: number;
  reported: number;
}

/** stats.branches: each branch with its own numbers and those rolled up from every branch under it (each service once). */
export interface BranchTotalsReply {
  branches: (Pick<PartyBranch, 'id' | 'level' | 'name' | 'parentId' | 'communityId' | 'unitId'> & { own: BranchCounts; total: BranchCounts })[];
  /** Per co-building unit: its party members, how many reported to the community, and the services of its people. */
  units: { id: string; name: string; kind: Unit['kind']; members: number; reported: number; services: number; hours: number }[];
}

/** stats.dashboard: each part as the read of its name answers it (stats.overview, breakdown's rows, leaderboard's rows, branches). */
export interface DashboardReply {
  overview: StatsOverview;
  byMonth: BreakdownReply['rows'];
  byCategory: BreakdownReply['rows'];
  byGrid: BreakdownReply['rows'];
  topUnits: LeaderboardReply['rows'];
  topVolunteers: LeaderboardReply['rows'];
  branches: BranchTotalsReply;
}

/**
 * The signed-in person as the client keeps them: who, where, and which roles. The same
 * shape from `GET /api/auth/me`, the login replies and `org.me` (WeChat cloud).
 */
export interface UserView {
  id: string;
  name: string;
  phone?: string;
  avatarUrl?: string;
  /** The roles of the community they act in (and a town's); empty until they join a community. */
  roles: Role[];
  /** The community they act in (org.actIn); every call is answered as their membership there. */
  communityId?: string;
  communityName?: string;
  /** Every community they belong to (more than one: they pick where they act on 我的). */
  communities: NamedRef[];
  townId?: string;
  unitId?: string;
  gridIds: string[];
  memberships: Membership[];
  /** Whether the wall and the leaderboard name them in full (their choice; default masked). */
  showFullName: boolean;
  /** Seeded demo users only (local mode). */
  devKey?: string;
}

export interface Member {
  user: Pick<User, 'id' | 'name'> & { phone?: string };
  roles: Role[];
  unitId?: string;
  gridIds?: string[];
  partyBranchId?: string;
  /** When they reported (报到) to the community as a party member (ISO). */
  reportedAt?: string;
  /** Set while their membership here is deactivated (停用): when, by whom and why. */
  deactivated?: { at: string; by: string; reason: string };
}

/** An invite code as its community's staff see it; `state` is worked out at read time. */
export interface InviteSummary {
  /** Masked ('K7******') for a town admin, who reads a community's invites but may not redeem them. */
  code: string;
  role: Role;
  unitId?: string;
  gridId?: string;
  state: InviteState;
  uses: number;
  maxUses: number;
  expiresAt: Instant;
  createdAt: Instant;
  createdBy: string;
  createdByName?: string;
  revokedAt?: Instant;
}

/** A request to join; the phone is shown in full to the community's secretary and the person only. */
export interface JoinRequestView {
  id: string;
  communityId: string;
  communityName?: string;
  userId: string;
  name: string;
  phone?: string;
  note?: string;
  roles: JoinRole[];
  status: JoinRequestStatus;
  createdAt: Instant;
  decidedAt?: Instant;
  decidedBy?: string;
  grantedRoles?: JoinRole[];
  reason?: string;
}

/** A town or community as a picker shows it. */
export interface NamedRef { id: string; name: string }

export interface ActionOutputs {
  wishes: {
    create: WishReply;
    update: WishReply;
    cancel: WishReply;
    mine: Page<WishView>;
    detail: WishDetailReply;
    confirm: WishReply;
    dispute: WishReply;
    rate: WishReply;
    resubmit: WishReply;
    similar: { items: SimilarWish[] };
    nudge: WishReply;
  };
  tasks: {
    nearby: { items: NearbyItem[] };
    claim: ClaimReply;
    extend: ClaimReply;
    release: WishReply;
    start: WishReply;
    progress: WishReply;
    complete: WishReply;
    mine: Page<WishView>;
    accept: ClaimReply;
    decline: WishReply;
    handover: WishReply;
  };
  dispatch: {
    queue: Page<WishView>;
    approve: WishReply;
    reject: WishReply;
    assign: WishReply;
    proxyCreate: WishReply & { similar: SimilarWish[] };
    /** `supervision`: the town's 督办 acts on each listed wish that has any, by wish id. */
    escalations: Page<WishView> & { supervision: Record<string, SupervisionAct[]> };
    cancel: WishReply;
    callList: CallList;
    map: GridMap;
    urge: WishReply;
    reassign: WishReply;
    townAssign: WishReply;
    supervision: Page<SupervisedWish>;
    townUnits: { items: TownUnit[] };
    recall: WishReply;
    board: StaffBoard;
    candidates: DispatchCandidates;
    lookup: WishReply;
    transcribe: WishReply;
  };
  org: {
    me: { user: UserView };
    updateMe: { user: UserView };
    /** A member's community; a town admin who names none gets the town's communities to pick from. */
    community:
      | { community: Community; town: NamedRef | null }
      | { community: null; town: NamedRef | null; communities: NamedRef[] };
    updateSettings: { community: Community };
    /** `tiles`: what the outline editor draws on in h5, as dispatch.map's. */
    grids: { items: Grid[]; tiles?: MapTiles };
    saveGrid: { grid: Grid };
    compounds: { items: Compound[] };
    saveCompound: { compound: Compound };
    buildings: { items: Building[] };
    saveBuilding: { building: Building };
    units: { items: Unit[] };
    saveUnit: { unit: Unit };
    partyBranches: { items: PartyBranch[] };
    saveBranch: { branch: PartyBranch };
    /** `movedMembers`: how many people the branch's closing moved to `moveMembersTo`. */
    closeBranch: { branch: PartyBranch; movedMembers: number };
    report: { member: Member };
    actIn: { user: UserView };
    members: Page<Member>;
    /** `vacated`: wishes that waited for a unit this change left nobody to answer for, sent back to the queue. */
    roles: { member: Member; vacated: number };
    deactivate: { member: Member; vacated: number };
    reactivate: { member: Member };
    invites: { code: string; role: Exclude<Role, 'town_admin' | 'secretary'>; expiresAt: Instant; maxUses: number };
    acceptInvite: { user: User };
    listInvites: Page<InviteSummary>;
    revokeInvite: { invite: InviteSummary };
    requestJoin: { request: JoinRequestView };
    joinRequests: Page<JoinRequestView>;
    decideJoin: { request: JoinRequestView };
    myDuty: { duty: DutyRoster };
    setDuty: { duty: DutyRoster };
    /** Helpers of the community on duty now, for staff to phone (the call list of an urgent wish starts here). */
    onDuty: { items: OnDutyHelper[]; at: Instant };
  };
  stats: {
    overview: StatsOverview;
    breakdown: BreakdownReply;
    leaderboard: LeaderboardReply;
    branches: BranchTotalsReply;
    dashboard: DashboardReply;
    /** Published 微故事 first (the first page only), then the realised wishes that have none, a page at a time. */
    wall: Page<WallItem> & { community: { id: string; name: string }; stories: StoryCard[] };
    /** A download link (or file id in WeChat cloud) for the spreadsheet. */
    /** The file inline, base64: `mimeType` says XLSX or CSV; `truncated` when the range held more than one file takes. */
    export: { fileName: string; mimeType: string; base64: string; rows: number; truncated: boolean };
    report: MonthlyReport;
  };
  notify: {
    subscribe: { credits: Partial<Record<string, number>> };
    inbox: Page<InboxItem> & { unread: number };
    read: { updated: number };
  };
  cron: {
    tick: { expired: number; escalated: number; autoConfirmed: number; vacated: number; sent: number };
  };
  certificates: {
    /** The record and its PDF inline, base64 (like stats.export: works the same in WeChat cloud and self-hosted). */
    issue: { certificate: CertificateView; fileName: string; mimeType: string; base64: string };
    download: { certificate: CertificateView; fileName: string; mimeType: string; base64: string };
    /** What anyone holding the serial may see: the name masked, nothing else about the person. */
    verify: { serial: string; holderName: string; from: Instant; to: Instant; hours: number; services: number; communityName: string; issuedAt: Instant };
    /** My certificates, and what I served in my community so far: services and hours once confirmed, as a certificate counts them. */
    mine: { items: CertificateView[]; served: { services: number; hours: number } };
  };
  stories: {
    draft: StoryReply;
    /** The resident and staff follow the story in any state; anyone else who may read the wish sees it once published. */
    ofWish: { story: StoryView | StoryCard | null };
    consent: StoryReply;
    publish: StoryReply;
    unpublish: StoryReply;
    /** What a shared link opens: the public card, or the whole story for its resident and staff. */
    detail: { story: StoryView | StoryCard; community: { id: string; name: string } };
    list: Page<StoryView>;
  };
  points: {
    mine: { balance: number; entries: LedgerEntryView[]; redemptions: RedemptionView[] };
    catalogue: { items: StoreItemView[]; balance: number };
    redeem: { redemption: RedemptionView; balance: number };
    cancel: { redemption: RedemptionView; balance: number };
    saveItem: { item: StoreItemView };
    lookup: { redemption: RedemptionView };
    fulfil: { redemption: RedemptionView };
    audit: { accounts: number; entries: number; mismatches: { userId: string; kept: number; ledger: number }[] };
  };
  timebank: {
    mine: TimeBankView;
    askFamily: { link: FamilyLinkView };
    answerFamily: { link: FamilyLinkView };
    removeFamily: { link: FamilyLinkView };
    transfer: { balance: number; entry: TimeEntryView };
    audit: TimeBankAudit;
  };
  activities: {
    publish: { activity: ActivityView };
    edit: { activity: ActivityView };
    cancel: { activity: ActivityView };
    list: { items: ActivityView[] };
    detail: { activity: ActivityView };
    mine: { items: ActivityView[]; hours: number };
    signUp: { activity: ActivityView };
    withdraw: { activity: ActivityView };
    checkIn: { activity: ActivityView };
    /** `hours`: what this attendance earned (0 under a quarter of an hour); `points`: what it credited. */
    checkOut: { activity: ActivityView; hours: number; points: number };
    /** `payload` is what the QR code carries (shared/activities `checkInPayload`). */
    code: { code: string; payload: string; goodUntil: Instant; periodMs: number };
    attendance: { activity: ActivityView; attendees: AttendeeView[] };
    correct: { attendee: AttendeeView; points: number };
  };
  open311: {
    services: { services: Open311Service[] };
    requests: { requests: Open311Request[] };
    request: { request: Open311Request };
    /** GeoReport's reply to a POST: the new request's id (it waits for review, so it is not in the public list yet). */
    create: { service_request_id: string; service_notice: string };
    keys: { keys: Open311KeyView[] };
    /** `secret` is shown this once: only its hash is kept, and a retry of the same request is answered without it. */
    issueKey: { key: Open311KeyView; secret?: string };
    revokeKey: { key: Open311KeyView };
  };
}

/** An Open311 key as its community's secretary sees it: never the key itself, only how it starts. */
export interface Open311KeyView {
  id: string;
  label: string;
  /** The first characters of the key, to tell keys apart. */
  prefix: string;
  createdAt: Instant;
  createdByName: string;
  revokedAt?: Instant;
  lastUsedAt?: Instant;
}

/** My 时间银行: `balance` is the sum of `entries` (what I may withdraw or give); `held` is part of what was taken, for wishes under way. */
export interface TimeBankView {
  townId: string; townName: string; balance: number; held: number; entries: TimeEntryView[]; family: FamilyLinkView[];
}

/** One entry as its holder sees it; `text` is the sentence of shared/timebank `describeTimeEntry`. */
export interface TimeEntryView {
  id: string; kind: TimeEntryKind; hours: number; at: Instant; text: string; wishId?: string;
}

/**
 * A family link as one of its two people sees it: `other` is the other person (their name in full: they are family,
 * or asked to be), `relation` what the other is to me, `askedByMe` whether I asked (the other answers).
 */
export interface FamilyLinkView {
  id: string; other: { id: string; name: string }; relation: FamilyRelation; status: FamilyLinkStatus; askedByMe: boolean; createdAt: Instant;
}

/** The town's books: each kept balance against its ledger's sum, and holds left open on wishes already over. */
export interface TimeBankAudit {
  accounts: number; entries: number; mismatches: { userId: string; kept: number; ledger: number }[]; openHoldsOnSettledWishes: string[];
}

/** A 集体活动 as everyone of its community sees it; `mine` is where the caller stands, when they signed up at all. */
export interface ActivityView {
  id: string; title: string; category: ActivityCategory; description: string; place: string; organizer: string;
  startAt: Instant; endAt: Instant; places: number; placesLeft: number; state: ActivityState;
  cancelledAt?: Instant; cancelReason?: string;
  mine?: { status: AttendanceStatus; checkedInAt?: Instant; checkedOutAt?: Instant; hours?: number };
}

/** One attendee, as the organiser sees them. */
export interface AttendeeView {
  userId: string; name: string; status: AttendanceStatus; signedUpAt: Instant;
  checkedInAt?: Instant; checkedOutAt?: Instant; hours?: number;
  /** Times entered by staff (a forgotten check-out), not by a scan. */
  corrected?: boolean;
}

/** One ledger entry as its holder sees it; `text` is the sentence of shared/points `describeEntry`. */
export interface LedgerEntryView {
  id: string; kind: LedgerKind; amount: number; at: Instant; text: string; wishId?: string; redemptionId?: string;
}

/** A shelf item of the 爱心超市. */
export interface StoreItemView {
  id: string; name: string; description?: string; cost: number; stock: number; active: boolean;
}

/** A redemption: the code is shown to its holder and to staff of the community; `holderName` to staff only. */
export interface RedemptionView {
  id: string; code: string; itemId: string; itemName: string; cost: number; status: RedemptionStatus; createdAt: Instant;
  fulfilledAt?: Instant; cancelledAt?: Instant; holderName?: string;
}

export interface StoryReply {
  story: StoryView;
}

/** A certificate as its holder sees it. */
export interface CertificateView {
  serial: string; holderName: string; communityName: string; from: Instant; to: Instant; hours: number; services: number; issuedAt: Instant;
}

export type ActionOutput<F extends keyof ActionOutputs, A extends keyof ActionOutputs[F]> = ActionOutputs[F][A];

/**
 * A value as it arrives over JSON (HTTP or the cloud call): every instant is an ISO string.
 * What the client holds of a reply is `Wire<ActionOutput<F, A>>`, derived, never re-declared.
 */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly unknown[]
    ? { -readonly [K in keyof T]: Wire<T[K]> }
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

/** The reply of `fn.action` as the client receives it. */
export type ActionReply<F extends keyof ActionOutputs, A extends keyof ActionOutputs[F]> = Wire<ActionOutputs[F][A]>;

/** Fails to compile when an action of ActionSchemas has no reply type here, or a reply names no action. */
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : false;
type Assert<T extends true> = T;
export type EveryActionHasAReply = Assert<{ [F in FunctionName]: SameKeys<(typeof ActionSchemas)[F], ActionOutputs[F]> }[FunctionName]>;

/** Breakdown keys a chart may show by category. */
export type CategoryCounts = Partial<Record<Category, number>>;
