import type { Db } from 'mongodb';
import type {
  AssignTarget,
  Category,
  Channel,
  CommunitySettings,
  NotificationTemplateKey,
  Priority,
  Role,
  UnitKind,
  PartyBranchLevel,
  WishAction,
  WishState,
} from '@shared';
import type { Notifier } from './notifier';
import type { ContentChecker } from './contentCheck';

/** Stored shapes: the shared entity schemas with `_id` instead of `id` and Dates for instants. */
export interface GeoPoint {
  type: 'Point';
  coordinates: [number, number];
}

export interface MembershipDoc {
  communityId?: string;
  townId?: string;
  roles: Role[];
  gridIds?: string[];
  unitId?: string;
  partyBranchId?: string;
  buildingId?: string;
}

export interface UserDoc {
  _id: string;
  openid?: string;
  /** Seeded demo users are found by key in local mode (dev-login). */
  devKey?: string;
  name: string;
  phone?: string;
  avatarUrl?: string;
  memberships: MembershipDoc[];
  createdAt: Date;
  updatedAt?: Date;
}

export interface ClaimDoc {
  claimerId: string;
  kind: 'user' | 'unit';
  unitId?: string;
  assigneeId: string;
  slots: number;
  leaseUntil: Date;
  extensions: number;
  claimedAt: Date;
  startedAt?: Date;
}

export type EventActorDoc = { kind: 'user'; userId: string; role?: Role } | { kind: 'system' };

export interface WishEventDoc {
  id: string;
  wishId: string;
  communityId: string;
  action: WishAction;
  actor: EventActorDoc;
  from: WishState | null;
  to: WishState;
  at: Date;
  note?: string;
  /** Sent with tasks.progress / tasks.complete (file IDs or /files/ paths). */
  photos?: string[];
  meta?: Record<string, string>;
}

export interface WishDoc {
  _id: string;
  communityId: string;
  townId?: string;
  category: Category;
  title: string;
  description: string;
  location: GeoPoint;
  address?: string;
  buildingId?: string;
  gridId?: string;
  contactPhone?: string;
  preferredTime?: { from: string; to: string };
  helpersNeeded: number;
  /** Places not yet held by a claim: the atomic claim filter tests it (kept equal to helpersNeeded − Σ claims.slots). */
  slotsFree: number;
  channel: Channel;
  anonymous: boolean;
  priority: Priority;
  status: WishState;
  ownerId: string;
  ownerName?: string;
  createdBy: string;
  beneficiary?: { userId?: string; name: string; phone?: string };
  claims: ClaimDoc[];
  assignment?: { target: AssignTarget; by: string; at: Date };
  rejectReason?: string;
  completion?: { note: string; photos?: string[]; by: string; at: Date; hours?: number };
  progress?: { note: string; photos?: string[]; by: string; at: Date }[];
  rating?: { stars: number; comment?: string; by: string; at: Date };
  escalation?: { level: 'secretary' | 'town'; at: Date };
  openedAt?: Date;
  approvedAt?: Date;
  claimedAt?: Date;
  doneAt?: Date;
  confirmedAt?: Date;
  cancelledAt?: Date;
  createdAt: Date;
  updatedAt: Date;
  /** Bumped by every write: a transition applies only to the revision it was decided on. */
  rev?: number;
  events: WishEventDoc[];
}

export interface TownDoc { _id: string; name: string; createdAt?: Date }
export interface CommunityDoc {
  _id: string;
  townId: string;
  name: string;
  address?: string;
  location?: GeoPoint;
  settings: Partial<CommunitySettings>;
  createdAt?: Date;
}
export interface CompoundDoc { _id: string; communityId: string; name: string; location?: GeoPoint }
export interface BuildingDoc { _id: string; communityId: string; compoundId: string; name: string; gridId?: string; location?: GeoPoint }
export interface GridDoc { _id: string; communityId: string; name: string; gridWorkerId?: string; buildingIds: string[] }
export interface PartyBranchDoc {
  _id: string;
  level: PartyBranchLevel;
  name: string;
  parentId?: string;
  townId: string;
  communityId?: string;
  compoundId?: string;
  buildingId?: string;
  secretaryUserId?: string;
}
export interface UnitDoc {
  _id: string;
  communityId: string;
  name: string;
  kind: UnitKind;
  contactName?: string;
  contactPhone?: string;
  createdAt?: Date;
}

export interface ServiceDoc {
  _id: string;
  communityId: string;
  wishId: string;
  userId: string;
  unitId?: string;
  partyBranchId?: string;
  category: Category;
  hours: number;
  at: Date;
}

/**
 * One message to one person about one event: the line in their inbox and the subscribe message
 * sent for it, in one document so that a step costs one write for all its messages.
 */
export interface MessageDoc {
  /** Event id + hash of recipient and template (_core/outbox.ts messageId): a message's ids sort by time. */
  _id: string;
  dedupeKey: string;
  userId: string;
  communityId: string;
  template: NotificationTemplateKey;
  wishId?: string;
  title: string;
  body: string;
  read: boolean;
  createdAt: Date;
  /** The template's values, composed again at each send. */
  payload: Record<string, string>;
  page?: string;
  status: 'pending' | 'sending' | 'sent' | 'skipped' | 'failed';
  attempts: number;
  lastError?: string;
  nextAttemptAt: Date;
  lockedUntil?: Date;
  sentAt?: Date;
}

export interface SubscriptionDoc { _id: string; userId: string; template: NotificationTemplateKey; credits: number; updatedAt: Date }

export interface InviteDoc {
  _id: string;
  code: string;
  communityId: string;
  role: Role;
  unitId?: string;
  gridId?: string;
  createdBy: string;
  expiresAt: Date;
  maxUses: number;
  uses: number;
  createdAt: Date;
}

/** Who is calling, as the gateway or WeChat tells us; never read from process-wide state. */
export type Identity =
  | { kind: 'user'; userId: string }
  | { kind: 'openid'; openid: string }
  | { kind: 'system' }
  | { kind: 'anonymous' };

export interface CoreConfig {
  mode: 'wechat' | 'selfhosted' | 'local';
  /** Subscribe-message template ids by key; a key without an id is inbox-only. */
  templateIds: Partial<Record<NotificationTemplateKey, string>>;
  /** Mini-program state for subscribe messages: developer | trial | formal. */
  miniprogramState: 'developer' | 'trial' | 'formal';
}

/** Everything an action needs from the outside world; the gateway or the WeChat adapter builds it. */
export interface Runtime {
  db: Db;
  now(): Date;
  notifier: Notifier;
  content: ContentChecker;
  config: CoreConfig;
}

export interface InvocationContext {
  identity?: Identity;
  runtime?: Runtime;
}
