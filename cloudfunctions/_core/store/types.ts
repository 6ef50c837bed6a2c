import type {
  Building, Community, Compound, Grid, Invite, JoinRequest, Message, PartyBranch, ServiceRecord, Subscription, Town, Unit, User, Wish, WishEvent,
} from '@shared';


/**
 * A value as the database keeps it: every instant a Date (the schemas also accept ISO text, which
 * is how instants travel), the rest as declared.
 */
export type AsStored<T> =
  [Exclude<T, undefined>] extends [Date | string]
    ? [Date] extends [Exclude<T, undefined>] ? Date | Extract<T, undefined> : T
    : T extends object
      ? { [K in keyof T]: AsStored<T[K]> } // arrays and tuples stay arrays and tuples
      : T;

/** An entity of shared/schemas as a document: `_id` for `id`, Dates for instants. */
export type Stored<T> = Omit<AsStored<T>, 'id'> & { _id: string };

export type WishEventDoc = AsStored<WishEvent> & { id: string };
export type ClaimDoc = AsStored<Wish['claims'][number]>;
export type EventActorDoc = WishEvent['actor'];
export type MembershipDoc = AsStored<User['memberships'][number]>;

/** The wish plus what only storage keeps: its revision, the free-place counter the claim filter tests, the events. */
export type WishDoc = Stored<Wish> & {
  /** Bumped by every write: a transition applies only to the revision it was decided on. */
  rev: number;
  /** helpersNeeded − Σ claims.slots, kept by the repository with every change of either. */
  slotsFree: number;
  events: WishEventDoc[];
};

export type UserDoc = Stored<User>;
export type TownDoc = Stored<Town>;
/** Settings are stored as the secretary set them; `settingsOf` fills the defaults on read. */
export type CommunityDoc = Omit<Stored<Community>, 'settings'> & { settings: Partial<Community['settings']> };
export type CompoundDoc = Stored<Compound>;
export type BuildingDoc = Stored<Building>;
export type GridDoc = Stored<Grid>;
export type PartyBranchDoc = Stored<PartyBranch>;
export type UnitDoc = Stored<Unit>;
export type ServiceDoc = Stored<ServiceRecord>;
export type MessageDoc = Stored<Message>;
/** One per person and template: `${userId}:${template}`. */
export type SubscriptionDoc = Stored<Subscription>;
export type InviteDoc = Stored<Invite>;
export type JoinRequestDoc = Stored<JoinRequest>;
